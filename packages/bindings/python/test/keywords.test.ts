// Public functions named like Rust keywords (`crate`, `self`, `type`, and a generator `super`) and with the emitter's
// reserved prefix (`__x`): the uniffi crate calls each through the Rust path the manifest gives, and the wheel's
// functions keep their Python names, so a plain `python` process calls them as the source defines them.

import * as path from 'node:path';
import { generatePythonPackage } from '../src';
import { FIXTURES, outDir, Venv } from './venv';

let venv: Venv;

beforeAll(async () => {
  const keywords = await generatePythonPackage({
    compileDir: path.join(FIXTURES, 'keywords'),
    outDir: outDir('keywords'),
  });
  const dunder = await generatePythonPackage({ compileDir: path.join(FIXTURES, 'dunder'), outDir: outDir('dunder') });
  venv = new Venv();
  venv.install(keywords.wheel, dunder.wheel);
});

afterAll(() => {
  venv?.remove();
});

test('functions named crate, self and type are called; a generator named super streams its items', () => {
  expect(
    venv.run(
      'import keywords\n' +
        'print(json.dumps([keywords.crate(41), keywords.self("hi"), keywords.type([1, 2, 3]), list(keywords.super(3))]))',
    ),
  ).toEqual([42, 'hi!', 3, [0, 10, 20]]);
});

test('a function named __x is called, with its default', () => {
  expect(venv.run('from dunder import __x\nprint(json.dumps([__x(1.5), __x(1.5, 3.0)]))')).toEqual([3, 4.5]);
});
