/**
 * Static evaluation of module-level constants (`TASK_PREFIX_MAP = {...}`, `SCALE = 2 ** 10`)
 * and of parameter defaults. Only pure expressions over literals and earlier constants
 * are evaluated; anything else is reported by the caller as E0206. Constants of imported
 * modules count as literals (`re.IGNORECASE`), and `re.compile(PATTERN, FLAGS)` is a constant
 * pattern, checked at compile time and compiled once per process.
 */
import type * as A from '../parse/ast';
import { T, type Type, unify } from '../types/types';
import { checkRegex, RE_FLAGS, shapeDetail } from './regex';

export type ConstValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple' | 'set'; items: ConstValue[] }
  | { kind: 'dict'; keys: ConstValue[]; values: ConstValue[] }
  /** `re.compile(pattern, flags)` with constant arguments. */
  | { kind: 'regex'; pattern: string; flags: number }
  /** An Enum member (`Task.QUERY` as a default); `value` is the member's value. */
  | { kind: 'enum'; name: string; member: string; value: ConstValue };

/** Values of imported modules' constants, by Python identity (`re.IGNORECASE`). */
export function moduleConstant(qualified: string): ConstValue | undefined {
  if (qualified.startsWith('re.') && RE_FLAGS[qualified.slice(3)] !== undefined)
    return { kind: 'int', value: BigInt(RE_FLAGS[qualified.slice(3)]!) };
  return undefined;
}

/** The Python identity an attribute chain names through the imports (`re.I`, `np.float32`). */
function qualify(e: A.Expr, imports: ReadonlyMap<string, string>): string | undefined {
  if (e.kind === 'Name') return imports.get(e.id);
  if (e.kind === 'Attribute') {
    const base = qualify(e.value, imports);
    return base === undefined ? undefined : `${base}.${e.attr}`;
  }
  return undefined;
}

export class NotConstant {
  constructor(readonly node: A.Expr) {}
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export function evalConst(
  e: A.Expr,
  env: ReadonlyMap<string, ConstValue>,
  imports: ReadonlyMap<string, string> = new Map(),
): ConstValue {
  const rec = (x: A.Expr): ConstValue => evalConst(x, env, imports);
  switch (e.kind) {
    case 'Int':
      return { kind: 'int', value: e.value };
    case 'Float':
      return { kind: 'float', value: e.value };
    case 'Str':
      return { kind: 'str', value: e.value };
    case 'Bool':
      return { kind: 'bool', value: e.value };
    case 'None':
      return { kind: 'none' };
    case 'Name': {
      const v = env.get(e.id) ?? moduleConstant(imports.get(e.id) ?? '');
      if (!v) throw new NotConstant(e);
      return v;
    }
    case 'Attribute': {
      const v = moduleConstant(qualify(e, imports) ?? '');
      if (!v) throw new NotConstant(e);
      return v;
    }
    case 'Call': {
      // `re.compile(PATTERN[, FLAGS])` / `re.compile(PATTERN, flags=FLAGS)`.
      if (qualify(e.func, imports) !== 're.compile' || e.args.length < 1 || e.args.length > 2) throw new NotConstant(e);
      if (e.keywords.some((k) => k.name !== 'flags') || (e.args.length === 2 && e.keywords.length > 0))
        throw new NotConstant(e);
      const pattern = rec(e.args[0]!);
      const flagsExpr = e.args[1] ?? e.keywords[0]?.value;
      const flags = flagsExpr ? rec(flagsExpr) : ({ kind: 'int', value: 0n } as ConstValue);
      if (pattern.kind !== 'str' || flags.kind !== 'int') throw new NotConstant(e);
      return { kind: 'regex', pattern: pattern.value, flags: Number(flags.value) };
    }
    case 'List':
    case 'Tuple':
    case 'Set':
      return { kind: e.kind === 'List' ? 'list' : e.kind === 'Tuple' ? 'tuple' : 'set', items: e.elts.map(rec) };
    case 'Dict': {
      if (e.keys.some((k) => k === undefined)) throw new NotConstant(e);
      return { kind: 'dict', keys: e.keys.map((k) => rec(k!)), values: e.values.map(rec) };
    }
    case 'Unary': {
      const v = rec(e.operand);
      if (e.op === '-' && v.kind === 'int') return checkInt(-v.value, e);
      if (e.op === '-' && v.kind === 'float') return { kind: 'float', value: -v.value };
      if (e.op === '+' && (v.kind === 'int' || v.kind === 'float')) return v;
      throw new NotConstant(e);
    }
    case 'BinOp': {
      const l = rec(e.left);
      const r = rec(e.right);
      if (l.kind === 'str' && r.kind === 'str' && e.op === '+') return { kind: 'str', value: l.value + r.value };
      if (l.kind === 'int' && r.kind === 'int') {
        switch (e.op) {
          case '+':
            return checkInt(l.value + r.value, e);
          case '-':
            return checkInt(l.value - r.value, e);
          case '*':
            return checkInt(l.value * r.value, e);
          case '**':
            if (r.value >= 0n) return checkInt(l.value ** r.value, e);
            break;
          case '<<':
            if (r.value >= 0n) return checkInt(l.value << r.value, e);
            break;
          case '|':
            return { kind: 'int', value: l.value | r.value };
          case '&':
            return { kind: 'int', value: l.value & r.value };
          default:
            break;
        }
      }
      if (
        (l.kind === 'int' || l.kind === 'float') &&
        (r.kind === 'int' || r.kind === 'float') &&
        (l.kind === 'float' || r.kind === 'float')
      ) {
        const a = Number(l.value);
        const b = Number(r.value);
        switch (e.op) {
          case '+':
            return { kind: 'float', value: a + b };
          case '-':
            return { kind: 'float', value: a - b };
          case '*':
            return { kind: 'float', value: a * b };
          case '/':
            if (b !== 0) return { kind: 'float', value: a / b };
            break;
          default:
            break;
        }
      }
      throw new NotConstant(e);
    }
    default:
      throw new NotConstant(e);
  }
}

function checkInt(v: bigint, e: A.Expr): ConstValue {
  if (v < I64_MIN || v > I64_MAX) throw new NotConstant(e);
  return { kind: 'int', value: v };
}

/** The type of a constant; containers of mixed element types are not representable yet. */
export function typeOfConst(v: ConstValue): Type | undefined {
  switch (v.kind) {
    case 'enum':
      return { kind: 'enum', name: v.name };
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
      return item && (v.kind === 'list' ? T.list(item) : T.set(item));
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
  }
}
