// The remote of the Kotlin and Swift clients' hybrid-routing tests: the `ingot serve` HTTP server (startServer) with
// models written in JavaScript, so every answer is known in advance, behind an API key. The Kotlin test starts it in
// its own process; for the Swift XCTest files (generated, run where a Swift toolchain is) start it by hand:
//   node packages/server/test/hybridRemote.js [port]     (prints the base URL, e.g. http://127.0.0.1:PORT/v1)
// and run `INGOT_REMOTE_URL=<that URL> swift test`. Plain JavaScript, so node runs it as it is (after `npm run build`).
'use strict';

const { startServer } = require('@ingot/server');

/** The API key the remote requires. */
const REMOTE_KEY = 'remote-key';

/** Streams of the `endless` model that ended before their last word (the client went away), warm-up not counted. */
const stats = { endlessClosed: 0 };

/**
 * A chat model answering `words` words (`w0 w1 ...`), `delay` ms apart; `failAt` raises at that step in every call
 * after the warm-up; `onClose` is told when a call after the warm-up ends before its last word.
 */
function chatModel({ words, failAt, delay, onClose }) {
  let calls = 0;
  return {
    chat: {
      messages: 'messages',
      params: { max_tokens: 'max_tokens', temperature: 'temperature' },
      output: 'text_stream',
      resource: 'model',
      context_length: 100000,
    },
    defaults: { max_tokens: 64 },
    call() {
      let i = 0;
      const warmUp = calls++ === 0;
      return {
        async next() {
          if (delay) await new Promise((r) => setTimeout(r, delay));
          if (!warmUp && failAt !== undefined && i === failAt) throw new Error('RuntimeError: the model broke');
          if (i >= words) return { done: true, value: undefined };
          return { done: false, value: `${i === 0 ? '' : ' '}w${i++}` };
        },
        async return() {
          if (!warmUp && i < words) onClose?.();
          i = words;
          return { done: true, value: undefined };
        },
      };
    },
    countTokens: async (messages, completion) => [
      messages.reduce((a, m) => a + m.content.split(' ').length, 0),
      completion ? completion.split(' ').length : 0,
    ],
  };
}

/**
 * The remote's models: remote-only names (`big`, `broken`, `endless`, `probe`, `far`, `judge`) and `chat`, the chat fixture's own name,
 * where its fallback lands (with a context far longer than the fixture's 512 tokens, and three words, not two).
 */
function hybridRemoteModels() {
  return {
    big: chatModel({ words: 2 }),
    chat: chatModel({ words: 3 }),
    broken: chatModel({ words: 5, failAt: 1 }),
    // Far more words than any test reads; `probe` answers how many of its streams were closed early.
    endless: chatModel({ words: 1_000_000, delay: 5, onClose: () => stats.endlessClosed++ }),
    probe: {
      chat: { messages: 'messages', params: {}, output: 'text', resource: 'model', context_length: 100000 },
      call: async () => String(stats.endlessClosed),
    },
    // Each text's vector is [its length, 0.5, -0.25].
    far: { embed: async (t) => ({ shape: [t.length, 3], data: t.flatMap((s) => [s.length, 0.5, -0.25]) }) },
    // A document's score is its length.
    judge: { score: async (_q, docs) => docs.map((d) => d.length), countTokens: null },
  };
}

/** Starts the remote on `port` (0: any free port). */
function startHybridRemote(port = 0) {
  return startServer({ apiKey: REMOTE_KEY, requestLog: () => {}, models: hybridRemoteModels(), port });
}

module.exports = { REMOTE_KEY, hybridRemoteModels, startHybridRemote, stats };

if (require.main === module) {
  startHybridRemote(Number(process.argv[2] ?? 0)).then((s) => console.log(`${s.url}/v1`));
}
