// Runs conformance cases through a JavaScript client shaped like the official `openai` SDK and prints one JSON object:
// case id -> {response} | {error: {status, type, param, code}} | {crash}. stdin: {cases: RunnableCase[]}.
// argv[2]: "ingot:<package dir>" (the generated package's in-process Client) or "openai:<base URL>" (the official
// `openai` npm client, unchanged, against a server). The call is the surface's SDK path, so every surface runs alike; a
// surface the official SDK lacks (rerank) goes through its generic `client.post(route, { body })`, as its users call it.
// A streamed answer (an async iterable) is the array of its chunks.
'use strict';
const fs = require('node:fs');

async function main() {
  const [kind, where] = [
    process.argv[2].slice(0, process.argv[2].indexOf(':')),
    process.argv[2].slice(process.argv[2].indexOf(':') + 1),
  ];
  let client;
  if (kind === 'ingot') client = new (require(where).Client)();
  else {
    const OpenAI = require('openai').default ?? require('openai');
    client = new OpenAI({ baseURL: where, apiKey: 'unused', maxRetries: 0 });
  }
  const { cases } = JSON.parse(fs.readFileSync(0, 'utf8'));
  const out = {};
  for (const c of cases) {
    let target = client;
    for (const k of c.sdkCall.slice(0, -1)) target = target?.[k];
    const method = c.sdkCall.at(-1);
    const route = c.path.startsWith('/v1/') ? c.path.slice('/v1'.length) : c.path;
    const call =
      kind === 'openai' && typeof target?.[method] !== 'function'
        ? () => client.post(route, { body: c.request })
        : () => target[method](c.request);
    try {
      let result = await call();
      if (result && typeof result[Symbol.asyncIterator] === 'function') {
        const chunks = [];
        for await (const chunk of result) chunks.push(chunk);
        result = chunks;
      }
      out[c.id] = { response: JSON.parse(JSON.stringify(result)) };
    } catch (e) {
      out[c.id] =
        e && typeof e.status === 'number' && e.error
          ? {
              error: {
                status: e.status,
                type: e.error.type ?? e.type,
                param: e.error.param ?? null,
                code: e.error.code ?? null,
              },
            }
          : { crash: String(e && e.stack ? e.stack : e) };
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
