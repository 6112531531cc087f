/**
 * Constants as Rust expressions: a parameter's default, a module constant, a string literal. Input: a constant's value
 * and its inferred type. Output: Rust source text. The module writer (rust.ts), the C ABI's argument table (abi.ts)
 * and the generated functions (generated.ts) all spell constants here, so a default reads the same everywhere.
 */
import { type ConstValue, typeOfConst } from '../ir/consts';
import { memberIndex, T, type Type } from '../types/types';
import { rustIdent, structIdent, unionPath } from './names';

/** A Rust expression that builds a constant of type `t`. */
export function emitConst(v: ConstValue, t: Type): string {
  // A value where an Optional or a variant is declared (`x: Optional[int] = 3`, `items: list[str] = "none"`).
  if (t.kind === 'optional' && v.kind !== 'none') return `Some(${emitConst(v, t.item)})`;
  if (t.kind === 'union') {
    const have = typeOfConst(v);
    const k = have ? memberIndex(t, have) : -1;
    if (k >= 0) return `${unionPath(t)}::V${k}(${emitConst(v, t.members[k]!)})`;
  }
  switch (v.kind) {
    case 'int':
      return t.kind === 'float' ? floatLit(Number(v.value)) : `${v.value}i64`;
    case 'float':
      return floatLit(v.value);
    case 'str':
      return `${rustStr(v.value)}.to_string()`;
    case 'bool':
      return String(v.value);
    case 'none':
      return t.kind === 'optional' ? 'None' : '()';
    case 'list': {
      const item = t.kind === 'list' ? t.item : T.unknown;
      return `vec![${v.items.map((x) => emitConst(x, item)).join(', ')}]`;
    }
    case 'set': {
      const item = t.kind === 'set' ? t.item : T.unknown;
      const built = `${v.folded ? 'rt::pyset::from_const_display' : 'rt::Set::from_iter'}([${v.items.map((x) => emitConst(x, item)).join(', ')}])`;
      return built + '.py_copy()'.repeat(v.copies ?? 0);
    }
    case 'tuple': {
      // A constant tuple where `tuple[T, ...]` is declared (a default `()` or `("a", "b")`).
      if (t.kind === 'vartuple') return `rt::VarTuple(vec![${v.items.map((x) => emitConst(x, t.item)).join(', ')}])`;
      const items = t.kind === 'tuple' ? t.items : v.items.map((x) => typeOfConst(x) ?? T.unknown);
      // The empty tuple is an empty `VarTuple` (Rust's `()` is None).
      if (v.items.length === 0) return EMPTY_TUPLE;
      return `(${v.items.map((x, i) => emitConst(x, items[i]!)).join(', ')}${v.items.length === 1 ? ',' : ''})`;
    }
    case 'dict': {
      const [k, val] = t.kind === 'dict' ? [t.key, t.value] : [T.unknown, T.unknown];
      return `rt::Dict::from_iter([${v.keys.map((key, i) => `(${emitConst(key, k)}, ${emitConst(v.values[i]!, val)})`).join(', ')}])`;
    }
    // Checked at compile time; a module-level pattern is a static, so it compiles once.
    case 'regex':
      return `rt::re::Pattern::constant(${rustStr(v.pattern)}, ${v.flags})`;
    case 'enum':
      return `${v.name}::${rustIdent(v.member)}`;
    case 'struct':
      return `${structIdent(v.name)} { ${v.fields.map((f) => `${rustIdent(f.name)}: ${emitConst(f.value, f.type)}`).join(', ')} }`;
  }
}

export function floatLit(x: number): string {
  if (Number.isNaN(x)) return 'f64::NAN';
  if (x === Infinity) return 'f64::INFINITY';
  if (x === -Infinity) return 'f64::NEG_INFINITY';
  if (Object.is(x, -0)) return '-0.0f64';
  const s = String(x);
  return /[.eE]/.test(s) ? `${s.replace('e+', 'e')}f64` : `${s}.0f64`;
}

export function rustStr(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The empty tuple's value: an empty `rt::VarTuple<()>` (see `rustType`), which prints `()` and crosses as `[]`. */
export const EMPTY_TUPLE = 'rt::VarTuple::<()>(Vec::new())';
