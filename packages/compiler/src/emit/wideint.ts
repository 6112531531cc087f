/**
 * Int arithmetic reduced before it is kept: `(a * x + b) % p` (a universal hash over a 61-bit prime, MinHash),
 * `(h * base + c) % mod` (a rolling hash), `(x * num) // den`, `(a * b) & mask`. CPython's ints do not overflow, so
 * an intermediate product beyond i64 is fine there as long as the reduced value is what the program keeps. The
 * additions, subtractions and products under a `%`, `//` or `&` of ints, when a product is among them, are computed
 * in i128 (still checked: an i128 overflow raises OverflowError as an i64 one did), and the reduced result is
 * narrowed back to i64, raising OverflowError only when it does not fit there either.
 */
import type { IrExpr } from '../ir/ir';

type IntOp = IrExpr & { kind: 'op'; args: [IrExpr, IrExpr] };

/** The i128 runtime function of each operation computed wide. */
const WIDE: Record<string, string> = { 'operator.add': 'wadd', 'operator.sub': 'wsub', 'operator.mul': 'wmul' };

/** The reductions that bring a wide value back into i64's range, over the wide operands. */
const REDUCE: Record<string, (l: string, r: string) => string> = {
  'operator.mod': (l, r) => `rt::int::narrow(rt::int::wmodulo(${l}, ${r})?)?`,
  'operator.floordiv': (l, r) => `rt::int::narrow(rt::int::wfloordiv(${l}, ${r})?)?`,
  'operator.and_': (l, r) => `rt::int::narrow(${l} & ${r})?`,
};

/** A binary op of two ints giving an int (not `bool & bool`, not an int mixed with a float). */
function intBinary(e: IrExpr): e is IntOp {
  const r = e.kind === 'op' ? e.resolution : undefined;
  return (
    e.kind === 'op' &&
    e.args.length === 2 &&
    r !== undefined &&
    !r.mutates &&
    r.result.kind === 'int' &&
    r.params.length === 2 &&
    r.params.every((p) => p.kind === 'int')
  );
}

const isWide = (e: IrExpr): e is IntOp => intBinary(e) && e.op in WIDE;

/**
 * The code of a reduction of int arithmetic computed in i128, or undefined when `e` is not one (`leaf` emits any
 * other operand as an i64 expression).
 */
export function wideReduction(e: IrExpr, leaf: (x: IrExpr) => string): string | undefined {
  // Only a product outgrows i64 in practice; `(i + 1) % n` stays the plain, readable i64 code.
  const hasProduct = (x: IrExpr): boolean => isWide(x) && (x.op === 'operator.mul' || x.args.some(hasProduct));
  if (!intBinary(e) || !(e.op in REDUCE) || !e.args.some(hasProduct)) return undefined;
  const wide = (x: IrExpr): string =>
    isWide(x) ? `rt::int::${WIDE[x.op]}(${wide(x.args[0])}, ${wide(x.args[1])})?` : `i128::from(${leaf(x)})`;
  return REDUCE[e.op]!(wide(e.args[0]), wide(e.args[1]));
}
