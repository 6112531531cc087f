/**
 * Python expressions read at run time: `eval(expr, {"__builtins__": {}}, {})` (lowering turns only that form, where
 * no name is in scope, into `builtins.eval`) and `ast.literal_eval(s)`. Both take a str and give a dynamic value,
 * computed by the runtime's evaluator (`rt::pyeval`): Python's literals, containers, operators and precedences over
 * dynamic values, with CPython's exceptions (NameError for any name, SyntaxError, ZeroDivisionError, literal_eval's
 * ValueError for what is not a literal). Tuples, sets, complex numbers and bytes have no dynamic form: they raise
 * NotImplementedError.
 */
import { T, typeToString } from '../../types/types';
import { defineOp, type OpTest } from '../registry';

const SAMPLES = [
  ['2 + 3 * (4 - 1) / 2'],
  ['2 ** -2 + 7 // -2 - -7 % 3'],
  ['  1_000 * 0x10 | 0b1'],
  ['1 < 2 <= 2.0 != 3'],
  ['[1, 2.5, "a\\tb", None, True][1:3]'],
  ['{"k": [1, {"j": -2}]}["k"][-1]'],
  ['1 or 1 / 0'],
  ['"ab" * 2 if 0 else "no"'],
  ['1 / 0'],
  ['abs(-2)'],
  ['x + 1'],
  ['2 +'],
];

for (const [id, fn, summary, tests] of [
  [
    'builtins.eval',
    'eval',
    'eval(expr, {"__builtins__": {}}, {}): an expression of literals and operators with no names in scope, as a dynamic value (NameError for a name)',
    [
      {
        params: { s: 'str' },
        body: 'return eval(s, {"__builtins__": {}}, {})',
        samples: SAMPLES,
        deviation:
          'a tuple, set, complex number, bytes or an int beyond 64 bits raises NotImplementedError (or OverflowError) where CPython returns it: a dynamic value has no form for them',
      },
    ],
  ],
  [
    'ast.literal_eval',
    'literal_eval',
    'ast.literal_eval(s): a literal (numbers, str, bool, None, lists, dicts, signed numbers) as a dynamic value; ValueError for anything else',
    [
      {
        params: { s: 'str' },
        expr: 'ast.literal_eval(s)',
        imports: ['import ast'],
        samples: [
          ['{"a": [1, -2.5, "x"], "b": None}'],
          ['  [True, False, "q\'s"]'],
          ['-7'],
          ['1 + 2'],
          ['name'],
          ['[1, 2'],
        ],
      },
    ],
  ],
] as const)
  defineOp({
    id,
    summary,
    resolve: (args, kw) => {
      if (args.length !== 1 || kw.size > 0) return { error: `${fn}() takes one str here` };
      if (args[0]!.kind !== 'str') return { error: `${fn}() of ${typeToString(args[0]!)}: it takes a str` };
      return { entry: id, overload: 'str', result: T.dynamic, params: [T.str], variant: 'str' };
    },
    spell: { str: () => `rt::pyeval::${fn}({&0})?` },
    tests: tests as unknown as OpTest[],
  });
