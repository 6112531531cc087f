// A generator function's result: an async iterator over the native stream object. Each `next()` runs the compiled
// generator to its next `yield` on the libuv thread pool (a napi AsyncTask), so the event loop stays free and no item
// is computed before it is asked for. Calls are queued, so items arrive in order even when `next()` is called again
// before the last promise settled. A Python exception rejects after the items before it; the stream is then done.
// `return()` (a `break` out of `for await`) stops the generator, as Python's `generator.close()` does.
function __ingot_stream(native, convert) {
  let done = false;
  let tail = Promise.resolve();
  const finish = () => {
    if (!done) {
      done = true;
      native.stop();
    }
  };
  const step = async () => {
    if (done) return { value: undefined, done: true };
    let item;
    try {
      item = await native.next();
    } catch (e) {
      finish();
      throw e;
    }
    if (item === null || item === undefined) {
      finish();
      return { value: undefined, done: true };
    }
    return { value: convert ? convert(item) : item, done: false };
  };
  const queue = (f) => {
    const p = tail.then(f);
    tail = p.catch(() => {});
    return p;
  };
  return {
    next: () => queue(step),
    return: (value) =>
      queue(async () => {
        finish();
        return { value, done: true };
      }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
