/**
 * `f(**mapping)` of a dict whose keys only the running program knows (`sample(**overrides)`, `Config(**opts)`): each
 * parameter of `f` the call leaves unbound becomes `rt::kwargs::take` (required) or `take_opt` (with its default) of
 * the mapping, which first check the binding as CPython does (an unexpected key, a key bound twice, the required
 * parameters missing: CPython's TypeError). Typing: the mapping's value type must be what each such parameter takes.
 * Only a mapping read from names (`pure`: reading it for each parameter is the same value) and a
 * function without `*args`/`**kwargs` (lower reports those) are rewritten.
 */
import type { IrExpr, IrFunction } from '../ir/ir';
import type { OpChoice } from '../ir/choice';
import type { ConstValue } from '../ir/consts';
import { assignable, isComplete, type Type, typeToString as typeToText } from '../types/types';

export const KWARGS_TAKE = 'kwargs.take';

/**
 * A mapping read again for each parameter gives the same dict: a name, a literal, or `{**a, "k": v, **b}` (lowered
 * to `|`) of those.
 */
function pure(e: IrExpr): boolean {
  if (e.kind === 'local' || e.kind === 'global' || e.kind === 'const') return true;
  if (e.kind === 'dict') return e.keys.every(pure) && e.values.every(pure);
  return e.kind === 'op' && e.op === 'operator.or_' && e.args.every(pure);
}

/** What CPython's TypeError calls the function: `f`, or `Cls.__init__` for a plain class's constructor. */
function pythonName(fn: IrFunction, structs: ReadonlySet<string>): string | undefined {
  const ctor = /^(\w+?)__new$/.exec(fn.name);
  if (ctor && structs.has(ctor[1]!)) return `${ctor[1]}.__init__`;
  return /^[A-Za-z_]\w*$/.test(fn.name) && !fn.name.includes('__') && !/_\d+$/.test(fn.name) ? fn.name : undefined;
}

/** The default as a value of the mapping's type (an int default of a float mapping is that float). */
function defaultAs(v: ConstValue, t: Type): ConstValue | undefined {
  if (v.kind === 'int' && t.kind === 'float') return { kind: 'float', value: Number(v.value) };
  return v;
}

/**
 * Rewrites the call's `**` into one keyword per unbound parameter, or gives the reason it cannot (a diagnostic's
 * construct). `mapping` is the spread's type, `constType` types a default.
 */
export function bindMapping(
  e: IrExpr & { kind: 'call' },
  fn: IrFunction,
  mapping: Type,
  structs: ReadonlySet<string>,
  constType: (v: ConstValue) => Type,
): string | undefined {
  const spread = e.kwargs.get('**')!;
  if (!pure(spread)) return 'a mapping that is not a name or a merge of names';
  if (mapping.kind !== 'dict' || mapping.key.kind !== 'str' || !isComplete(mapping.value))
    return `a ${mapping.kind === 'dict' ? 'dict' : 'value'} that is not a dict[str, T]`;
  const name = pythonName(fn, structs);
  if (!name) return undefined;
  const v = mapping.value;
  const given = new Set(fn.params.slice(0, e.args.length).map((p) => p.name));
  for (const k of e.kwargs.keys()) if (k !== '**') given.add(k);
  const unbound = fn.params.filter((p) => !given.has(p.name));
  if (unbound.length === 0) return 'a call that binds every parameter already';
  for (const p of unbound) {
    if (p.annotation && !assignable(v, p.annotation)) return `values of type ${typeToText(v)} for \`${p.name}\``;
    if (p.default) {
      const d = defaultAs(p.default, v);
      if (!d || !assignable(constType(d), v))
        return `values of type ${typeToText(v)} for \`${p.name}\` (its default is another type)`;
    }
  }
  const detail = {
    fn: name,
    all: fn.params.map((p) => p.name),
    given: [...given],
    required: unbound.filter((p) => !p.default).map((p) => p.name),
  };
  e.kwargs.delete('**');
  for (const p of unbound) {
    const d = p.default ? defaultAs(p.default, v) : undefined;
    const resolution: OpChoice = {
      entry: 'kwargs',
      overload: `**dict[str, ${typeToText(v)}] -> ${p.name}`,
      result: v,
      params: [mapping],
      variant: d ? 'take_opt' : 'take',
      detail: { ...detail, key: p.name },
    };
    const args: IrExpr[] = [spread];
    if (d) args.push({ kind: 'const', value: d, span: spread.span });
    e.kwargs.set(p.name, { kind: 'op', op: KWARGS_TAKE, args, kwargs: new Map(), span: spread.span, resolution });
  }
  return undefined;
}
