/**
 * Static evaluation of module-level constants (`TASK_PREFIX_MAP = {...}`, `SCALE = 2 ** 10`)
 * and of parameter defaults. Only pure expressions over literals and earlier constants
 * are evaluated; anything else is reported by the caller as E0206. Constants of imported
 * modules count as literals (`re.IGNORECASE`), and `re.compile(PATTERN, FLAGS)` is a constant
 * pattern, checked at compile time and compiled once per process.
 */
import type * as A from '../parse/ast';
import type { ConstValue } from '../ir/consts';
import { RE_FLAGS } from '../regex/regex';

/** Values of imported modules' constants, by Python identity (`re.IGNORECASE`). */
export function moduleConstant(qualified: string): ConstValue | undefined {
  if (qualified.startsWith('re.') && RE_FLAGS[qualified.slice(3)] !== undefined)
    return { kind: 'int', value: BigInt(RE_FLAGS[qualified.slice(3)]!) };
  if (qualified.startsWith('string.') && Object.hasOwn(STRING_CONSTANTS, qualified.slice(7)))
    return { kind: 'str', value: STRING_CONSTANTS[qualified.slice(7)]! };
  return undefined;
}

/** The `string` module's constants, as CPython defines them. */
const STRING_CONSTANTS: Record<string, string> = {
  ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
  ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  whitespace: ' \t\n\r\u000b\f',
  printable:
    '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\u000b\f',
};

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
      // `set()`, `frozenset({...})`, `tuple([...])`, `dict()`: a container of a constant's items.
      if (e.func.kind === 'Name' && !imports.has(e.func.id) && !env.has(e.func.id) && e.keywords.length === 0) {
        const made = constContainer(e.func.id, e.args.map(rec));
        if (made) return made;
      }
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
      return {
        kind: e.kind === 'List' ? 'list' : e.kind === 'Tuple' ? 'tuple' : 'set',
        items: e.elts.map(rec),
        ...(e.kind === 'Set' && e.elts.length > 2 && e.elts.every(isFoldedConstant) ? { folded: true } : {}),
      };
    // `f"{FAMILY}-{SIZE}"` of constants: str and int fields with no conversion or spec (a float's or a spec's text
    // is left to the compiled formatting).
    case 'FString': {
      let out = '';
      for (const part of e.parts) {
        if (part.text !== undefined) out += part.text;
        if (!part.expr) continue;
        if (part.conversion || part.spec) throw new NotConstant(e);
        const v = rec(part.expr);
        if (v.kind === 'str') out += v.value;
        else if (v.kind === 'int') out += v.value.toString();
        else if (v.kind === 'bool') out += v.value ? 'True' : 'False';
        else throw new NotConstant(e);
      }
      return { kind: 'str', value: out };
    }
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

/** `list`/`tuple`/`set`/`frozenset`/`dict` called on nothing or on one constant iterable; undefined otherwise. */
function constContainer(f: string, args: ConstValue[]): ConstValue | undefined {
  if (args.length > 1) return undefined;
  const src = args[0];
  let items: ConstValue[];
  if (src === undefined) items = [];
  else if (src.kind === 'list' || src.kind === 'tuple' || src.kind === 'set') items = src.items;
  else if (src.kind === 'str') items = [...src.value].map((c) => ({ kind: 'str', value: c }) as ConstValue);
  // `set(d)` of a dict lays the keys out unlike `set(list)` does: left to run.
  else if (src.kind === 'dict' && (f === 'set' || f === 'frozenset')) return undefined;
  else if (src.kind === 'dict' && f !== 'dict') items = src.keys;
  else if (src.kind === 'dict' && f === 'dict') return src;
  else return undefined;
  switch (f) {
    case 'list':
    case 'tuple':
      return { kind: f, items };
    case 'set':
    case 'frozenset': {
      // Equal items are one item of a set, the first one kept (CPython keeps the first too).
      const seen = new Set<string>();
      const unique = items.filter((x) => {
        const k = constKey(x);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      // `set(s)` of a set is a copy of its table.
      const frozen = f === 'frozenset' ? { frozen: true } : {};
      if (src?.kind === 'set')
        return { kind: 'set', items: unique, folded: src.folded, copies: (src.copies ?? 0) + 1, ...frozen };
      return { kind: 'set', items: unique, ...frozen };
    }
    case 'dict':
      return items.length === 0 ? { kind: 'dict', keys: [], values: [] } : undefined;
    default:
      return undefined;
  }
}

/** A key under which equal constants are equal (`1`, `1.0` and `True` are one key, as in a Python set). */
function constKey(v: ConstValue): string {
  if (v.kind === 'int') return `n${v.value}`;
  if (v.kind === 'float') return Number.isInteger(v.value) ? `n${v.value}` : `f${v.value}`;
  if (v.kind === 'bool') return `n${v.value ? 1 : 0}`;
  if (v.kind === 'str') return `s${v.value}`;
  if (v.kind === 'tuple') return `t(${v.items.map(constKey).join(',')})`;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
}

function checkInt(v: bigint, e: A.Expr): ConstValue {
  if (v < I64_MIN || v > I64_MAX) throw new NotConstant(e);
  return { kind: 'int', value: v };
}

/** Whether an expression is a tree of literals under unary operators and tuples, and, as `opts` allow, names
 * (`a.b` included) and binary operators. */
export function isConstantTree(e: A.Expr, opts: { names?: boolean; binOps?: boolean } = {}): boolean {
  const sub = (x: A.Expr): boolean => isConstantTree(x, opts);
  switch (e.kind) {
    case 'Int':
    case 'Float':
    case 'Str':
    case 'Bytes':
    case 'Bool':
    case 'None':
      return true;
    case 'Name':
      return opts.names === true;
    case 'Attribute':
      return opts.names === true && sub(e.value);
    case 'BinOp':
      return opts.binOps === true && sub(e.left) && sub(e.right);
    case 'Unary':
      return sub(e.operand);
    case 'Tuple':
      return e.elts.every(sub);
    default:
      return false;
  }
}

/** Whether CPython's AST optimizer makes the expression a constant (a literal, an operator on one, a tuple of them). */
export function isFoldedConstant(e: A.Expr): boolean {
  return isConstantTree(e);
}
