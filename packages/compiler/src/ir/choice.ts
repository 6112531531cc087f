/**
 * An op choice: what a registry entry's type rule decided for one op node (which entry, which
 * overload or variant, the types), set on the node by infer. Data only: emit turns it into Rust
 * through the registry's spelling table, the printer shows its overload label.
 */
import type { Type } from '../types/types';

export interface OpChoice {
  /** The registry entry that resolved the call. */
  entry: string;
  /** A label for the chosen overload, printed in the IR dump. */
  overload: string;
  result: Type;
  /** The argument types the emission expects; emit coerces (int to float) where they differ. */
  params: Type[];
  /**
   * Which of the entry's spellings applies: a key of the entry's spelling table (an overload's
   * index, or a named variant). Emit looks the Rust up by entry and variant. A choice carries no
   * Rust: every registry choice names a variant, and only the spelling table writes Rust.
   */
  variant?: string;
  /**
   * Facts the type rule decided that the spelling needs and the types do not show (a field's
   * name, which keywords were given, where an argument was passed, the result type of a callable
   * argument). Plain data; a key whose value is undefined is a fact that does not apply.
   */
  detail?: Record<string, string | number | boolean | string[] | Type | undefined>;
  /** Set when the op applies to the value of argument 0, an Enum member (`int(member)`): `inner` on `member.value`. */
  inner?: OpChoice;
  /** The arguments `inner` takes as their Enum member's value (an IntEnum in arithmetic); argument 0 when unset. */
  valueArgs?: number[];
  /** Set when the op mutates its first argument in place (list.append); the receiver must be a local. */
  mutates?: boolean;
  /** With `mutates`: the argument mutated when it is not the first (`rng.shuffle(xs)` mutates `xs`, argument 1). */
  mutatedArg?: number;
  /** For mutating ops, the receiver's refined type (list[?] becomes list[int] after append(1)). */
  refineReceiver?: Type;
  /**
   * Callable arguments the template calls, by argument index or keyword (`{call0(x)}`, `{callkey(x)}`):
   * the monomorphised instance and the captured locals. Set by infer through `ResolveContext`.
   */
  callables?: Record<string, { instance: string; captures: string[] }>;
  /**
   * Set by infer when argument `arg` is a variant: the op is resolved once per member, and the
   * emitter matches on the variant and runs the member's arm (no spelling of its own).
   * An arm whose member the op does not accept raises at run time, as CPython would.
   */
  dispatch?: Dispatch;
  /**
   * Keyword arguments that fill one of the overload's positional parameters, by name: the parameter's index
   * (`s.split(",", maxsplit=1)` puts `maxsplit` at 2). Emit places them there; without it keywords follow the
   * positional arguments in call order.
   */
  kwSlots?: Record<string, number>;
  /** Optional parameters left out before a keyword (`s.split(maxsplit=1)` leaves out 1): they take their default. */
  holes?: number[];
}

export interface Dispatch {
  arg: number;
  union: Type & { kind: 'union' };
  arms: DispatchArm[];
  /**
   * The argument is a dynamic value (`rt::Value`, a JSON value) dispatched on the kind it holds at run time: `union`
   * lists JSON's kinds (bool, int, float, str, list, dict) and a value of another kind (None) raises `other`.
   */
  json?: { other: { error: string; exception: 'TypeError' | 'AttributeError' } };
}

export type DispatchArm = { resolution: OpChoice } | { error: string; exception: 'TypeError' | 'AttributeError' };
