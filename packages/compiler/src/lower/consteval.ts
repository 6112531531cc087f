/**
 * Static evaluation of module-level constants (`TASK_PREFIX_MAP = {...}`, `SCALE = 2 ** 10`)
 * and of parameter defaults. Only pure expressions over literals and earlier constants
 * are evaluated; anything else is reported by the caller as E0206.
 */
import type * as A from '../parse/ast';
import { T, type Type, unify } from '../types/types';

export type ConstValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple' | 'set'; items: ConstValue[] }
  | { kind: 'dict'; keys: ConstValue[]; values: ConstValue[] };

export class NotConstant {
  constructor(readonly node: A.Expr) {}
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

export function evalConst(e: A.Expr, env: ReadonlyMap<string, ConstValue>): ConstValue {
  switch (e.kind) {
    case 'Int': return { kind: 'int', value: e.value };
    case 'Float': return { kind: 'float', value: e.value };
    case 'Str': return { kind: 'str', value: e.value };
    case 'Bool': return { kind: 'bool', value: e.value };
    case 'None': return { kind: 'none' };
    case 'Name': {
      const v = env.get(e.id);
      if (!v) throw new NotConstant(e);
      return v;
    }
    case 'List': case 'Tuple': case 'Set':
      return { kind: e.kind === 'List' ? 'list' : e.kind === 'Tuple' ? 'tuple' : 'set', items: e.elts.map((x) => evalConst(x, env)) };
    case 'Dict': {
      if (e.keys.some((k) => k === undefined)) throw new NotConstant(e);
      return { kind: 'dict', keys: e.keys.map((k) => evalConst(k!, env)), values: e.values.map((v) => evalConst(v, env)) };
    }
    case 'Unary': {
      const v = evalConst(e.operand, env);
      if (e.op === '-' && v.kind === 'int') return checkInt(-v.value, e);
      if (e.op === '-' && v.kind === 'float') return { kind: 'float', value: -v.value };
      if (e.op === '+' && (v.kind === 'int' || v.kind === 'float')) return v;
      throw new NotConstant(e);
    }
    case 'BinOp': {
      const l = evalConst(e.left, env);
      const r = evalConst(e.right, env);
      if (l.kind === 'str' && r.kind === 'str' && e.op === '+') return { kind: 'str', value: l.value + r.value };
      if (l.kind === 'int' && r.kind === 'int') {
        switch (e.op) {
          case '+': return checkInt(l.value + r.value, e);
          case '-': return checkInt(l.value - r.value, e);
          case '*': return checkInt(l.value * r.value, e);
          case '**': if (r.value >= 0n) return checkInt(l.value ** r.value, e); break;
          case '<<': if (r.value >= 0n) return checkInt(l.value << r.value, e); break;
          default: break;
        }
      }
      if ((l.kind === 'int' || l.kind === 'float') && (r.kind === 'int' || r.kind === 'float') && (l.kind === 'float' || r.kind === 'float')) {
        const a = Number(l.value);
        const b = Number(r.value);
        switch (e.op) {
          case '+': return { kind: 'float', value: a + b };
          case '-': return { kind: 'float', value: a - b };
          case '*': return { kind: 'float', value: a * b };
          case '/': if (b !== 0) return { kind: 'float', value: a / b }; break;
          default: break;
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
    case 'int': return T.int;
    case 'float': return T.float;
    case 'str': return T.str;
    case 'bool': return T.bool;
    case 'none': return T.none;
    case 'tuple': {
      const items = v.items.map(typeOfConst);
      return items.every((x) => x !== undefined) ? T.tuple(items as Type[]) : undefined;
    }
    case 'list': case 'set': {
      const item = joinAll(v.items.map(typeOfConst));
      return item && (v.kind === 'list' ? T.list(item) : T.set(item));
    }
    case 'dict': {
      const k = joinAll(v.keys.map(typeOfConst));
      const val = joinAll(v.values.map(typeOfConst));
      return k && val && T.dict(k, val);
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
    case 'int': return Number(v.value);
    case 'float': return Number.isFinite(v.value) ? v.value : { float: Number.isNaN(v.value) ? 'nan' : v.value > 0 ? 'inf' : '-inf' };
    case 'str': case 'bool': return v.value;
    case 'none': return null;
    case 'list': case 'tuple': case 'set': return v.items.map(constToJson);
    case 'dict': return Object.fromEntries(v.keys.map((k, i) => [k.kind === 'str' ? k.value : JSON.stringify(constToJson(k)), constToJson(v.values[i]!)]));
  }
}
