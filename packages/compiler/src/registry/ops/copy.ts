/**
 * The `copy` module: `copy.copy` and `copy.deepcopy`. Values are copies in the emitted Rust
 * already, so both are a clone; what differs is sharing. A shallow copy's items are the source's
 * own in Python, and `infer/aliasing.ts` rejects code that changes them through one name and
 * reads them through the other (its shallow-copy rule); a deep copy shares nothing. Values whose
 * Rust clone is not a Python copy (arrays and tensors, whose clones share storage; iterators,
 * models) are declined with a reason.
 */
import { defineOp, defineSpellings, type ResolveResult } from '../registry';
import { type Type, typeToString } from '../../types/types';

/** Why `copy.copy`/`deepcopy` of a value of type `t` is not supported, or undefined when it is. */
function copyError(fn: string, t: Type): string | undefined {
  switch (t.kind) {
    case 'ndarray':
      return `${fn}() of an array is not supported; use \`a.copy()\` (numpy) or \`t.clone()\` (torch)`;
    case 'iter':
      return `${fn}() of an iterator is not supported; copy the items into a list first`;
    case 'resource':
    case 'callable':
    case 'slice':
      return `${fn}() of ${typeToString(t)} is not supported`;
    case 'opaque':
      return t.name.startsWith('datetime.') || t.name === 'PIL.Image.Image'
        ? undefined
        : `${fn}() of ${typeToString(t)} is not supported`;
    case 'list':
    case 'deque':
    case 'set':
    case 'optional':
      return copyError(fn, t.item);
    case 'dict':
      return copyError(fn, t.key) ?? copyError(fn, t.value);
    case 'tuple':
      return t.items.map((x) => copyError(fn, x)).find((x) => x !== undefined);
    case 'union':
      return t.members.map((x) => copyError(fn, x)).find((x) => x !== undefined);
    default:
      return undefined;
  }
}

for (const name of ['copy', 'deepcopy'] as const) {
  const id = `copy.${name}`;
  defineOp({
    id,
    summary:
      name === 'copy'
        ? 'copy.copy(x): a shallow copy (its items stay shared with x, see the aliasing check)'
        : 'copy.deepcopy(x): a copy that shares nothing with x',
    resolve: (args, kw): ResolveResult => {
      if (args.length !== 1 || (kw.size > 0 && name === 'copy'))
        return { error: `${name}() takes exactly one argument` };
      if (kw.size > 0) return { error: 'deepcopy() with a memo is not supported' };
      const t = args[0]!;
      const bad = copyError(name, t);
      if (bad) return { error: bad };
      return { entry: id, overload: typeToString(t), result: t, params: [t], variant: 'clone' };
    },
    tests: [
      {
        params: { rows: 'list[list[int]]' },
        body: `c = copy.${name}(rows)\nc.append([0])\nc[0] = [9]\nreturn rows, c`,
        samples: [[[[1, 2], [3]]], [[[]]]],
        imports: ['import copy'],
      },
      {
        params: { d: 'dict[str, list[int]]', k: 'str' },
        body: `e = copy.${name}(d)\ne[k] = [1]\nreturn d, e, copy.${name}((k, 1.5)), copy.${name}(k)`,
        samples: [
          [{ a: [1] }, 'a'],
          [{}, 'b'],
        ],
        imports: ['import copy'],
      },
      ...(name === 'deepcopy'
        ? [
            {
              params: { rows: 'list[list[int]]' },
              body: 'c = deepcopy(rows)\nc[0].append(0)\nc[-1][0] = 7\nreturn rows, c',
              samples: [[[[1, 2], [3]]], [[[5]]]],
              imports: ['from copy import deepcopy'],
            },
            {
              params: { xs: 'list[int]' },
              body: 'd = deque(xs, maxlen=2)\ne = copy.deepcopy(d)\ne.append(9)\nreturn str(d), str(e), e.maxlen',
              samples: [[[1, 2, 3]], [[]]],
              imports: ['import copy', 'from collections import deque'],
            },
          ]
        : []),
    ],
  });
}

defineSpellings({
  'copy.copy': { clone: () => '{0}' },
  'copy.deepcopy': { clone: () => '{0}' },
});
