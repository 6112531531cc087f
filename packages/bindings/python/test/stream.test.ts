// Generator functions as Python iterators (and async iterators): generate the `gen` fixture's wheel, install it into a
// fresh venv offline, and consume its streams from a plain `python` process.

import * as path from 'node:path';
import { generatePythonPackage } from '../src';
import { FIXTURES, outDir, Venv } from './venv';

let venv: Venv;

beforeAll(async () => {
  const { wheel } = await generatePythonPackage({ compileDir: path.join(FIXTURES, 'gen'), outDir: outDir('stream') });
  venv = new Venv();
  venv.install(wheel);
});

afterAll(() => {
  venv?.remove();
});

/** Runs `code` in the venv (a timeout, not a hang, if a stream were computed eagerly); returns the JSON it prints last. */
function py(code: string): unknown {
  return venv.run(code, 'import json');
}

describe('generator functions are iterators', () => {
  test('items arrive before a later error, raised as that exception class with the "Kind: msg" message', () => {
    expect(
      py(
        'from gen import words, IngotError\n' +
          's = words("a b bad c")\nfirst = [next(s), next(s)]\n' +
          'try:\n    next(s)\n    err = None\nexcept ValueError as e:\n    err = [type(e).__name__, str(e), isinstance(e, IngotError)]\n' +
          'print(json.dumps({"first": first, "err": err, "after": list(s)}))',
      ),
    ).toEqual({ first: ['A', 'B'], err: ['ValueError', 'ValueError: bad word after 2 words', true], after: [] });
  });

  test('an early return ends the iteration; defaults apply', () => {
    expect(py('from gen import words\nprint(json.dumps([list(words("x y z", limit=2)), list(words("x y"))]))')).toEqual(
      [
        ['X', 'Y'],
        ['X', 'Y'],
      ],
    );
  });

  test('an infinite generator can be abandoned, closed, or left in a with block', () => {
    expect(
      py(
        'import itertools, gc\nfrom gen import naturals\n' +
          'a = list(itertools.islice(naturals(5), 3))\n' +
          's = naturals(1)\nb = [next(s), next(s)]\ns.close()\nc = list(s)\n' +
          'with naturals(10) as w:\n    d = next(w)\n' +
          'for _ in range(50):\n    next(naturals(0))\ngc.collect()\n' +
          'print(json.dumps([a, b, c, d, list(w)]))',
      ),
    ).toEqual([[5, 6, 7], [1, 2], [], 10, []]);
  });

  test('only the items asked for are computed', () => {
    expect(py('from gen import first_then_spin\nprint(json.dumps(next(first_then_spin(7))))')).toBe(7);
  });

  test('items keep their Python types: floats, tuples, optionals', () => {
    expect(
      py(
        'from gen import halves, pairs, maybe\nprint(json.dumps([list(halves(5.0)), [list(p) for p in pairs(["p", "q"])], isinstance(next(pairs(["p"])), tuple), list(maybe([1, 0, 2]))]))',
      ),
    ).toEqual([
      [2.5, 1.25, 0.625],
      [
        [0, 'p'],
        [1, 'q'],
      ],
      true,
      [1, null, 2],
    ]);
  });

  test('async for works off the event loop, and the error arrives after the items', () => {
    expect(
      py(
        'import asyncio\nfrom gen import words\n' +
          'async def main():\n    got = []\n    try:\n        async for w in words("a b bad"):\n            got.append(w)\n    except ValueError as e:\n        got.append(str(e))\n    return got\n' +
          'print(json.dumps(asyncio.run(main())))',
      ),
    ).toEqual(['A', 'B', 'ValueError: bad word after 2 words']);
  });

  test('argument errors raise at the call, as TypeError', () => {
    expect(
      py(
        'from gen import pairs\ntry:\n    pairs([1])\n    out = None\nexcept TypeError as e:\n    out = type(e).__name__\nprint(json.dumps(out))',
      ),
    ).toBe('TypeError');
  });
});
