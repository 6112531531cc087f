/**
 * `return NotImplemented` in a binary special method. CPython then tries the reflected method of the other operand;
 * the compiled class is the only one that can define it for its own values (`infer/classes.ts` dispatches `0 + v` to
 * `v.__radd__(0)` already), so what is left is CPython's fallback: `==` and `!=` compare identity (two different
 * objects: False for `__eq__`, True for `__ne__`), and every other operator raises TypeError with CPython's message.
 */
import type { Span } from '../diagnostics/diagnostic';
import type * as A from '../parse/ast';

const COMPARE: Record<string, string> = { lt: '<', le: '<=', gt: '>', ge: '>=' };
const ARITH: Record<string, string> = {
  add: '+',
  sub: '-',
  mul: '*',
  truediv: '/',
  floordiv: '//',
  mod: '%',
  pow: '** or pow()',
  matmul: '@',
  and: '&',
  or: '|',
  xor: '^',
  lshift: '<<',
  rshift: '>>',
};

/**
 * The statements standing for `return NotImplemented` in the special method `special` (`__eq__`) of parameters
 * `params`, or undefined for a method this does not cover.
 */
export function notImplementedFallback(special: string, params: A.Param[], span: Span): A.Stmt[] | undefined {
  const m = /^__([a-z]+)__$/.exec(special)?.[1];
  const self = params[0]?.name;
  const other = params[1]?.name;
  if (!m || !self || !other || params.length !== 2) return undefined;
  const bool = (value: boolean): A.Stmt => ({ kind: 'Return', value: { kind: 'Bool', value, span }, span }) as A.Stmt;
  if (m === 'eq') return [bool(false)];
  if (m === 'ne') return [bool(true)];
  const str = (value: string): A.Expr => ({ kind: 'Str', value, span }) as A.Expr;
  const typeName = (id: string): A.Expr =>
    ({
      kind: 'Attribute',
      value: {
        kind: 'Call',
        func: { kind: 'Name', id: 'type', span },
        args: [{ kind: 'Name', id, span }],
        keywords: [],
        span,
      },
      attr: '__name__',
      span,
    }) as A.Expr;
  const concat = (parts: A.Expr[]): A.Expr =>
    parts.reduce((l, r) => ({ kind: 'BinOp', op: '+', left: l, right: r, span }) as A.Expr);
  const raise = (parts: A.Expr[]): A.Stmt[] => [
    {
      kind: 'Raise',
      exc: { kind: 'Call', func: { kind: 'Name', id: 'TypeError', span }, args: [concat(parts)], keywords: [], span },
      cause: undefined,
      span,
    } as unknown as A.Stmt,
  ];
  if (COMPARE[m])
    return raise([
      str(`'${COMPARE[m]}' not supported between instances of '`),
      typeName(self),
      str("' and '"),
      typeName(other),
      str("'"),
    ]);
  const reflected = m.startsWith('r') && ARITH[m.slice(1)] !== undefined;
  const sym = ARITH[reflected ? m.slice(1) : m];
  if (!sym) return undefined;
  const [a, b] = reflected ? [other, self] : [self, other];
  return raise([str(`unsupported operand type(s) for ${sym}: '`), typeName(a), str("' and '"), typeName(b), str("'")]);
}
