// Generator functions as async iterators: generate the package of the `gen` fixture (its crate is `ingot compile gen.py`
// output), build it with napi-rs, and consume its streams from plain `node` child processes.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateNodePackage } from '../src';

const FIXTURE = path.join(__dirname, 'fixtures', 'gen');
// A fixed place per checkout, so cargo rebuilds the napi crate incrementally from one run to the next.
const PKG = path.join(
  os.tmpdir(),
  `ingot-bindings-node-stream-test-${require('node:crypto')
    .createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8)}`,
  'gen',
);

beforeAll(async () => {
  await generateNodePackage({ compileDir: FIXTURE, outDir: PKG });
});

/** Runs an async `body` in a fresh node with `m` bound to the package; returns the JSON of what it returns. */
function run(body: string, flags: string[] = []): unknown {
  const script = `const m = require(${JSON.stringify(PKG)}); (async () => { ${body} })().then((v) => console.log(JSON.stringify(v)), (e) => { console.error(e); process.exit(1); });`;
  // A stream computed eagerly would never end on the infinite generators: time out instead of hanging.
  const r = spawnSync(process.execPath, [...flags, '-e', script], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe('generator functions are async iterators', () => {
  test('items arrive before a later error, which rejects with the "Kind: msg" message', () => {
    expect(
      run(
        `const got = []; try { for await (const w of m.words('a b bad c')) got.push(w); } catch (e) { got.push(e.constructor.name + ': ' + e.message); } return got;`,
      ),
    ).toEqual(['A', 'B', 'Error: ValueError: bad word after 2 words']);
  });

  test('after the error the iterator is done', () => {
    expect(
      run(
        `const it = m.words('bad'); let e = null; try { await it.next(); } catch (x) { e = x.message; } return [e, await it.next()];`,
      ),
    ).toEqual(['ValueError: bad word after 0 words', { done: true }]);
  });

  test('an early return ends the iteration; defaults apply', () => {
    expect(
      run(
        `const a = []; for await (const w of m.words('x y z', 2)) a.push(w); const b = []; for await (const w of m.words('x y')) b.push(w); return [a, b];`,
      ),
    ).toEqual([
      ['X', 'Y'],
      ['X', 'Y'],
    ]);
  });

  test('break out of an infinite generator stops it; abandoned streams are collected safely', () => {
    expect(
      run(
        `const n = []; for await (const x of m.naturals(5)) { n.push(x); if (n.length === 3) break; }
         for (let i = 0; i < 50; i++) await m.naturals(i).next();
         global.gc(); await new Promise((r) => setTimeout(r, 50)); global.gc();
         const it = m.naturals(0); await it.next(); return [n, await it.return(), await it.next()];`,
        ['--expose-gc'],
      ),
    ).toEqual([[5, 6, 7], { done: true }, { done: true }]);
  });

  test('only the items asked for are computed', () => {
    expect(
      run(`const it = m.firstThenSpin(7); const first = await it.next(); await it.return(); return first;`),
    ).toEqual({ value: 7, done: false });
  });

  test('next() calls made before the last settled resolve in order', () => {
    expect(run(`const h = m.halves(5); return Promise.all([h.next(), h.next(), h.next(), h.next()]);`)).toEqual([
      { value: 2.5, done: false },
      { value: 1.25, done: false },
      { value: 0.625, done: false },
      { done: true },
    ]);
  });

  test('items keep their JS shapes: tuples as arrays, None as null', () => {
    expect(
      run(
        `const a = []; for await (const p of m.pairs(['p', 'q'])) a.push(p); const b = []; for await (const x of m.maybe([1, 0, 2])) b.push(x); return [a, b];`,
      ),
    ).toEqual([
      [
        [0, 'p'],
        [1, 'q'],
      ],
      [1, null, 2],
    ]);
  });

  test('a wrong argument throws a TypeError at the call', () => {
    expect(run(`try { m.words(1); return null; } catch (e) { return [e.constructor.name, e.message]; }`)).toEqual([
      'TypeError',
      "words(): argument 'text' must be a string, got number",
    ]);
  });

  test('index.d.ts declares AsyncIterableIterator and no Async variant', () => {
    const dts = readFileSync(path.join(PKG, 'index.d.ts'), 'utf8');
    expect(dts).toContain(
      'export declare function words(text: string, limit?: number): AsyncIterableIterator<string>;',
    );
    expect(dts).toContain('export declare function pairs(xs: string[]): AsyncIterableIterator<[number, string]>;');
    expect(dts).toContain('export declare function maybe(xs: number[]): AsyncIterableIterator<number | null>;');
    expect(dts).not.toContain('wordsAsync');
  });
});
