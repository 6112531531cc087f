// The OpenAI conformance cases (packages/contract/cases/openai) against `ingot serve`: once as raw HTTP (status and
// JSON body as the server sends them), and through the official `openai` npm and Python clients, unchanged (the
// Python one is tools/reference/requirements.txt's pinned `openai`, installed for python3 as CI does). The model is the
// embed fixture built into a Node package, which the server loads like any other.

import * as os from 'node:os';
import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { generateNodePackage } from '@ingot/bindings-node';
import { conformanceSuite, type RunnableCase } from '../../contract/test/harness';
import { RUN_CASES_JS, RUN_CASES_PY, runCaseScript } from '../../contract/test/run';
import { root, serve, type Served } from './fixture';

const OUT = path.join(
  os.tmpdir(),
  `ingot-server-conformance-${require('node:crypto').createHash('sha1').update(root).digest('hex').slice(0, 8)}`,
);
let served: Promise<Served> | undefined;

/** One server for every suite, started by whichever runs first, serving each surface's fixture under its model name. */
function server(): Promise<Served> {
  served ??= (async () => {
    const specs: string[] = [];
    for (const s of openai.SURFACES) {
      const fixture = openai.loadCaseFile(s.casesFile).fixture;
      const out = path.join(OUT, fixture.model);
      if (specs.some((x) => x.startsWith(`${fixture.model}=`))) continue;
      await generateNodePackage({ compileDir: path.join(root, fixture.compile_dir), outDir: out });
      specs.push(`${fixture.model}=${out}`);
    }
    return serve(specs);
  })();
  return served;
}

/** A server-sent events body as its chunks (the `data:` lines before `[DONE]`). */
function sseChunks(text: string): unknown[] {
  const data = text
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice('data: '.length));
  if (data.at(-1) !== '[DONE]') throw new Error(`the stream did not end with [DONE]: ${text.slice(-200)}`);
  return data.slice(0, -1).map((d) => JSON.parse(d) as unknown);
}

afterAll(async () => {
  if (served) (await served).proc.kill();
});

/** The surface's route for a case, from the contract's description. */
function routeOf(c: RunnableCase): string {
  const s = openai.SURFACES.find((x) => x.name === c.surface)!;
  return s.path;
}

conformanceSuite('server (HTTP)', { typed: false, runner: 'server' }, async (cases) => {
  const { url } = await server();
  const out: Record<string, openai.Outcome> = {};
  for (const c of cases) {
    const r = await fetch(url + routeOf(c), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c.request),
    });
    if (r.status === 200 && (r.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      out[c.id] = { response: sseChunks(await r.text()) };
      continue;
    }
    const body = (await r.json()) as { error?: openai.ErrorBody };
    out[c.id] =
      r.status === 200
        ? { response: body }
        : {
            error: {
              status: r.status,
              type: body.error?.type ?? '',
              param: body.error?.param ?? null,
              code: body.error?.code ?? null,
            },
          };
  }
  return out;
});

conformanceSuite('official openai npm client -> server', { typed: false, runner: 'server' }, async (cases) => {
  const { url } = await server();
  return runCaseScript(process.execPath, [RUN_CASES_JS, `openai:${url}/v1`], cases, root);
});

conformanceSuite('official openai Python client -> server', { typed: false, runner: 'server' }, async (cases) => {
  const { url } = await server();
  return runCaseScript('python3', [RUN_CASES_PY, `openai:${url}/v1`], cases, root);
});
