/**
 * `e.args` of a caught exception: the arguments a raise of the module's exception classes
 * passed, or CPython's `(message,)` for the builtin exceptions the runtime raises (a KeyError's
 * key). Its length is known only at run time, so it is read by `e.args[i]`, `len(e.args)`,
 * `str`/`repr` (a tuple's), and its items are dynamic values.
 */
import { extendOp, T } from '../registry';
import { EXCEPTION_ARGS, typeToString } from '../../types/types';

const isArgs = (t: { kind: string; name?: string } | undefined): boolean =>
  t?.kind === 'opaque' && t.name === 'exception.args';

const INT_FROM = {
  params: { s: 'str' },
  body: 'try:\n    return int(s)\nexcept ValueError as e:\n    return e.args[0]',
  samples: [['12'], ['abc'], ['']],
};

extendOp('operator.getitem', {
  summary: 'e.args[i]: an argument of a caught exception (a dynamic value)',
  resolve: (args) => {
    const [t, i] = args;
    if (!isArgs(t)) return undefined;
    if (i?.kind !== 'int' && i?.kind !== 'bool')
      return { error: 'e.args is indexed by an int (slices are not supported)' };
    return {
      entry: 'operator.getitem',
      overload: `${typeToString(EXCEPTION_ARGS)}, int`,
      result: T.dynamic,
      params: [EXCEPTION_ARGS, T.int],
      variant: 'exception_args',
    };
  },
  spell: { exception_args: () => '{&0}.item({1})?' },
  tests: [
    INT_FROM,
    {
      params: { d: 'dict[str, int]', k: 'str' },
      body: 'try:\n    return d[k]\nexcept KeyError as e:\n    return e.args[0]',
      samples: [
        [{ a: 1 }, 'a'],
        [{ a: 1 }, 'b'],
        [{}, 'it\'s "q"\n'],
      ],
    },
    {
      params: { d: 'dict[int, str]', k: 'int' },
      body: 'try:\n    return d[k]\nexcept LookupError as e:\n    return e.args[-1]',
      samples: [[{ 1: 'x' }, 2]],
    },
    {
      params: { xs: 'list[int]', i: 'int' },
      body: 'try:\n    return xs[i]\nexcept IndexError as e:\n    return e.args[0]',
      samples: [
        [[1, 2], 5],
        [[1], 0],
      ],
    },
    {
      params: { s: 'str' },
      body: 'try:\n    raise ValueError()\nexcept ValueError as e:\n    return e.args[0]',
      samples: [['x']],
    },
  ],
});

extendOp('builtins.len', {
  summary: 'len(e.args)',
  resolve: (args) =>
    isArgs(args[0])
      ? {
          entry: 'builtins.len',
          overload: typeToString(EXCEPTION_ARGS),
          result: T.int,
          params: [EXCEPTION_ARGS],
          variant: 'exception_args',
        }
      : undefined,
  spell: { exception_args: () => '{&0}.len()' },
  tests: [
    {
      params: { s: 'str' },
      body: 'try:\n    if s:\n        raise ValueError(s)\n    raise ValueError()\nexcept Exception as e:\n    return len(e.args), str(e.args), repr(e), str(e)',
      samples: [['bad'], ['']],
    },
    {
      params: { a: 'int', b: 'int' },
      body: 'try:\n    return str(a // b)\nexcept ZeroDivisionError as e:\n    return f"{len(e.args)} {e.args} {e!r} {e}"',
      samples: [
        [1, 0],
        [4, 2],
      ],
    },
  ],
});
