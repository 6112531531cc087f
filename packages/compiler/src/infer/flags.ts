/**
 * The operators CPython defines on `enum.Flag`/`enum.IntFlag` values (3.11; see `ir/flags.ts`): `|`, `&`, `^` within
 * the class (an IntFlag's also with an int), `~` (the class's other bits), `in` (every bit of the left operand set in
 * the right), truth (any bit), `len` (the canonical members set), iteration (those members in definition order).
 * Infer's own choices, entry `flag`, spelled by `emit/flags.ts`.
 */
import type { IrEnum } from '../ir/ir';
import type { OpChoice } from '../ir/choice';
import { T, type Type } from '../types/types';

type Enums = ReadonlyMap<string, IrEnum>;

function flagOf(t: Type | undefined, enums: Enums): IrEnum | undefined {
  if (t?.kind !== 'enum') return undefined;
  const en = enums.get(t.name);
  return en?.flag ? en : undefined;
}

const BINARY: Record<string, string> = {
  'operator.or_': '|',
  'operator.ior': '|',
  'operator.and_': '&',
  'operator.iand': '&',
  'operator.xor': '^',
  'operator.ixor': '^',
};

function choice(variant: string, result: Type, params: Type[], detail?: OpChoice['detail']): OpChoice {
  return { entry: 'flag', overload: `flag.${variant}`, result, params, variant, ...(detail ? { detail } : {}) };
}

/**
 * An op of a Flag value: the bitwise operators between two values of one class (an IntFlag's also with an int, which
 * CPython converts to the class), `~`, `bool`, `len`, `list`/`iter`. Undefined for any other op (an IntFlag's value
 * then takes it as an int).
 */
export function flagOp(id: string, args: Type[], enums: Enums): OpChoice | undefined {
  const sym = BINARY[id];
  if (sym && args.length === 2) {
    const [a, b] = args;
    const fa = flagOf(a, enums);
    const fb = flagOf(b, enums);
    const en = fa ?? fb;
    if (!en) return undefined;
    const t: Type = { kind: 'enum', name: en.name };
    const same = fa && fb && fa.name === fb.name;
    // IntFlag | int and int | IntFlag are IntFlag values (3.11); a Flag with an int is a TypeError in CPython.
    const withInt =
      !same &&
      en.mixin === 'int' &&
      (a!.kind === 'int' || b!.kind === 'int' || a!.kind === 'bool' || b!.kind === 'bool');
    if (!same && !withInt) return undefined;
    const params: Type[] = [fa ? t : T.int, fb ? t : T.int];
    return choice('binary', t, params, { op: sym, cls: en.name, left: !!fa, right: !!fb });
  }
  if (args.length !== 1) return undefined;
  const en = flagOf(args[0], enums);
  if (!en) return undefined;
  const t: Type = { kind: 'enum', name: en.name };
  switch (id) {
    case 'operator.invert':
      return choice('invert', t, [t]);
    case 'builtins.bool':
      return choice('bool', T.bool, [t]);
    case 'builtins.len':
      return choice('len', T.int, [t]);
    case 'builtins.list':
    case 'builtins.iter':
      return choice('members', T.list(t), [t]);
    default:
      return undefined;
  }
}

/** `a in b` / `a not in b` of two values of one Flag class: every bit of `a` is set in `b`. */
export function flagCompare(op: string, pair: Type[], enums: Enums): OpChoice | undefined {
  if (op !== 'operator.in_' && op !== 'operator.not_in') return undefined;
  const a = flagOf(pair[0], enums);
  const b = flagOf(pair[1], enums);
  if (!a || !b || a.name !== b.name) return undefined;
  return choice(op === 'operator.in_' ? 'in' : 'not_in', T.bool, pair);
}
