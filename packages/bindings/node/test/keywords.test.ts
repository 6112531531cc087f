// Public functions named like Rust keywords (`crate`, `self`, `type`, and a generator `super`) and with the emitter's
// reserved prefix (`__x`) are compiled under Rust names of the compiler's choosing; the Node package calls each through
// the Rust path its manifest gives, so every call reaches the function and answers as CPython would.

import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateNodePackage } from '../src';

/** A fixed folder per checkout, so cargo rebuilds the napi crates incrementally from one run to the next. */
function packageDir(name: string): string {
  const checkout = require('node:crypto')
    .createHash('sha1')
    .update(path.resolve(__dirname, '..', '..', '..', '..'))
    .digest('hex')
    .slice(0, 8);
  return path.join(os.tmpdir(), `ingot-bindings-node-test-${checkout}`, name);
}

/** Runs `body` in a fresh `node` with `m` bound to the package; returns what it evaluates to, through JSON. */
async function callPackage(pkg: string, body: string): Promise<unknown> {
  const script = `const m = require(${JSON.stringify(pkg)}); (async () => { ${body} })().then((out) => console.log(JSON.stringify(out)));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

let keywords: string;
let dunder: string;

beforeAll(async () => {
  const fixtures = path.join(__dirname, 'fixtures');
  keywords = (
    await generateNodePackage({ compileDir: path.join(fixtures, 'keywords'), outDir: packageDir('keywords') })
  ).packageDir;
  dunder = (await generateNodePackage({ compileDir: path.join(fixtures, 'dunder'), outDir: packageDir('dunder') }))
    .packageDir;
});

test('functions named crate, self and type are called, sync and async', async () => {
  expect(
    await callPackage(
      keywords,
      'return [m.crate(41), m.self("hi"), m.type([1, 2, 3]), await m.crateAsync(1), await m.selfAsync("a"), await m.typeAsync([])];',
    ),
  ).toEqual([42, 'hi!', 3, 2, 'a!', 0]);
});

test('a generator named super (`super_` in JS, a reserved word) streams its items', async () => {
  expect(
    await callPackage(keywords, 'const out = []; for await (const x of m.super_(3)) out.push(x); return out;'),
  ).toEqual([0, 10, 20]);
});

test('a function named __x is called, with its default', async () => {
  expect(await callPackage(dunder, 'return [m.__x(1.5), m.__x(1.5, 3), await m.__xAsync(2)];')).toEqual([3, 4.5, 4]);
});
