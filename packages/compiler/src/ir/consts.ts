/**
 * Compile-time constant values: what lower evaluates module constants, parameter defaults and
 * literals to, with their types and their value JSON. Data only: lower builds these values,
 * infer types them, emit spells them in Rust and the manifest writes them as JSON.
 */
import { T, type Type, unify } from '../types/types';
import { checkRegex, shapeDetail } from '../regex/regex';

export type ConstValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  /**
   * A set's `folded`: CPython builds it as a display of three or more constants (a frozenset constant merged into a new
   * set); `copies`: then copied that many times (`frozenset({...})`). Either changes where items land, so their order.
   */
  | { kind: 'list' | 'tuple' | 'set'; items: ConstValue[]; folded?: boolean; copies?: number; frozen?: boolean }
  | { kind: 'dict'; keys: ConstValue[]; values: ConstValue[] }
  /** `re.compile(pattern, flags)` with constant arguments. */
  | { kind: 'regex'; pattern: string; flags: number }
  /** An Enum member (`Task.QUERY` as a default); `value` is the member's value. */
  | { kind: 'enum'; name: string; member: string; value: ConstValue }
  /**
   * A dataclass instance whose fields are all constants (`field(default_factory=OptimConfig)`): each field's value
   * with its declared type. Emitted as a struct literal, so each use builds a new instance, as the factory does.
   */
  | { kind: 'struct'; name: string; fields: { name: string; value: ConstValue; type: Type }[] };

/** The type of a constant; containers of mixed element types are not representable yet. */
export function typeOfConst(v: ConstValue): Type | undefined {
  switch (v.kind) {
    case 'enum':
      return { kind: 'enum', name: v.name };
    case 'struct':
      return { kind: 'struct', name: v.name };
    case 'int':
      return T.int;
    case 'float':
      return T.float;
    case 'str':
      return T.str;
    case 'bool':
      return T.bool;
    case 'none':
      return T.none;
    case 'tuple': {
      const items = v.items.map(typeOfConst);
      return items.every((x) => x !== undefined) ? T.tuple(items as Type[]) : undefined;
    }
    case 'list':
    case 'set': {
      const item = joinAll(v.items.map(typeOfConst));
      return item && (v.kind === 'list' ? T.list(item) : v.frozen ? T.frozenset(item) : T.set(item));
    }
    case 'dict': {
      const k = joinAll(v.keys.map(typeOfConst));
      const val = joinAll(v.values.map(typeOfConst));
      return k && val && T.dict(k, val);
    }
    case 'regex': {
      const shape = checkRegex(v.pattern, v.flags);
      return {
        kind: 'opaque',
        name: 're.Pattern',
        rust: 'rt::re::Pattern',
        ...('error' in shape ? {} : { detail: shapeDetail(shape) }),
      };
    }
  }
}

function joinAll(ts: (Type | undefined)[]): Type | undefined {
  let acc: Type = T.unknown;
  for (const t of ts) {
    if (!t) return undefined;
    if (acc.kind !== 'unknown' && acc.kind !== t.kind) return undefined;
    const u = unify(acc, t);
    if (!u) return undefined;
    acc = u;
  }
  return acc;
}

/** The value JSON text of a constant (DESIGN.md), used for defaults in the manifest. */
export function constToJson(v: ConstValue): unknown {
  switch (v.kind) {
    case 'int':
      return Number(v.value);
    case 'float':
      return Number.isFinite(v.value)
        ? v.value
        : { float: Number.isNaN(v.value) ? 'nan' : v.value > 0 ? 'inf' : '-inf' };
    case 'str':
    case 'bool':
      return v.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return v.items.map(constToJson);
    case 'dict':
      return Object.fromEntries(
        v.keys.map((k, i) => [k.kind === 'str' ? k.value : JSON.stringify(constToJson(k)), constToJson(v.values[i]!)]),
      );
    case 'regex':
      return v.pattern;
    case 'enum':
      return constToJson(v.value);
    case 'struct':
      return Object.fromEntries(v.fields.map((f) => [f.name, constToJson(f.value)]));
  }
}
