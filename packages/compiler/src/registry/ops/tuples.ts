/**
 * Slicing a tuple with literal bounds (`t[1:3]`, `t[::-1]`): the tuple's length is known, so the
 * slice's items are chosen at compile time and the result is the tuple of their types. An extension
 * of `operator.getitem`; lowering passes the slice's bounds as a constant `(lower, upper, step)`.
 */
import { extendOp, T } from '../registry';
import { typeToString } from '../../types/types';
import type { ConstValue } from '../../ir/consts';

/** The indices `range(*slice(lower, upper, step).indices(n))` gives, or undefined for a zero step. */
function sliceIndices(n: number, parts: ConstValue[]): number[] | undefined {
  const num = (c: ConstValue): number | undefined => (c.kind === 'int' ? Number(c.value) : undefined);
  const step = num(parts[2]!) ?? 1;
  if (step === 0) return undefined;
  const clamp = (v: number | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === undefined) return dflt;
    if (v < 0) v += n;
    return Math.min(Math.max(v, lo), hi);
  };
  const start = step > 0 ? clamp(num(parts[0]!), 0, 0, n) : clamp(num(parts[0]!), n - 1, -1, n - 1);
  const stop = step > 0 ? clamp(num(parts[1]!), n, 0, n) : clamp(num(parts[1]!), -1, -1, n - 1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

extendOp('operator.getitem', {
  summary: 'tuple[a:b:c] with literal bounds: a tuple of the chosen items',
  resolve: (args, _kw, consts) => {
    const [t, s] = args;
    if (t?.kind !== 'tuple' || s?.kind !== 'slice') return undefined;
    const c = consts?.[1];
    if (c?.kind !== 'tuple') return { error: 'a tuple slice needs literal int bounds (its length is fixed)' };
    const idx = sliceIndices(t.items.length, c.items);
    if (!idx) return { error: 'slice step cannot be zero' };
    // The empty tuple has no value-JSON form of its own here (it reads as None), so it is refused.
    if (idx.length === 0) return { error: 'this tuple slice selects no items (an empty tuple is not supported)' };
    return {
      entry: 'operator.getitem',
      overload: `${typeToString(t)}, slice`,
      result: T.tuple(idx.map((i) => t.items[i]!)),
      params: [t, s],
      variant: 'tuple_slice',
      detail: { indices: idx.join(',') },
    };
  },
  spell: {
    tuple_slice: (c) => {
      const idx = (c.detail!.indices as string).split(',').filter((x) => x !== '');
      return `{ let __t = {&0}; (${idx.map((i) => `__t.${i}.clone()`).join(', ')}${idx.length === 1 ? ',' : ''}) }`;
    },
  },
  tests: [
    {
      params: { a: 'int', s: 'str', x: 'float' },
      body: 't = (a, s, x, a + 1)\nreturn t[1:3], t[::-1], t[-2:], t[::2], t[:-1]',
      samples: [[1, 'é', 0.5]],
    },
  ],
});
