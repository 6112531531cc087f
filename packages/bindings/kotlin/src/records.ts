// Dataclasses, pydantic models and Enums in the Kotlin target: a `data class` per struct and an `enum class` per Enum, and
// the Kotlin expressions that turn value JSON (parsed by the generated `IngotJson`, no JSON library) into them and back.
// A struct with a field Kotlin cannot type (tuple, union, ndarray, None) is not generated; values reaching it stay JSON text.

import {
  isTypable,
  reachesRecords,
  typableStructs,
  type IngotType,
  type Manifest,
  type ManifestStruct,
} from '@ingot/bindings-common';
import * as names from './names';

export interface KotlinStructField {
  /** The Kotlin property (camelCase of the Python field), and the value-JSON key it maps to. */
  name: string;
  jsonName: string;
  type: string;
  defaultKt: string | null;
  /** `Any?` (parsed value JSON) -> the field, with `o` the object's map. */
  decode: string;
  /** The property -> `Any?` for `IngotJson.write`. */
  encode: string;
  /** A pydantic Literal field's values as Kotlin literals, checked in `init`. */
  allowed: string[] | null;
}

export interface KotlinStruct {
  name: string;
  origin: 'dataclass' | 'pydantic';
  fields: KotlinStructField[];
}

export interface KotlinEnum {
  name: string;
  /** `String` or `Long`. */
  valueType: string;
  members: { name: string; valueKt: string }[];
}

export interface KotlinRecords {
  structs: KotlinStruct[];
  enums: KotlinEnum[];
  /** The structs Kotlin presents typed. */
  typed: ReadonlySet<string>;
}

/** A Kotlin type for a typable manifest type (see `isTypable`). */
export function kotlinType(t: IngotType): string {
  switch (t.kind) {
    case 'int':
      return 'Long';
    case 'float':
      return 'Double';
    case 'bool':
      return 'Boolean';
    case 'str':
      return 'String';
    case 'list':
    case 'set':
      return `List<${kotlinType(t.item)}>`;
    case 'optional':
      return `${kotlinType(t.item)}?`;
    case 'dict':
      return `Map<String, ${kotlinType(t.value)}>`;
    case 'struct':
    case 'enum':
      return t.name;
    default:
      throw new Error(`no typed Kotlin form for ${t.kind}`);
  }
}

/** The Kotlin expression turning parsed value JSON `e` (`Any?`) into the typed value. */
export function decodeExpr(t: IngotType, e: string, depth = 0): string {
  const it = `x${depth}`;
  switch (t.kind) {
    case 'int':
      return `IngotJson.long(${e})`;
    case 'float':
      return `IngotJson.double(${e})`;
    case 'bool':
      return `IngotJson.bool(${e})`;
    case 'str':
      return `IngotJson.string(${e})`;
    case 'list':
    case 'set':
      return `IngotJson.list(${e}).map { ${it} -> ${decodeExpr(t.item, it, depth + 1)} }`;
    case 'optional':
      return `${e}?.let { ${it} -> ${decodeExpr(t.item, it, depth + 1)} }`;
    case 'dict':
      return `IngotJson.obj(${e}).mapValues { ${it} -> ${decodeExpr(t.value, `${it}.value`, depth + 1)} }`;
    case 'struct':
    case 'enum':
      return `${t.name}.fromJson(${e})`;
    default:
      throw new Error(`no typed Kotlin form for ${t.kind}`);
  }
}

/** The Kotlin expression turning the typed value `e` into what `IngotJson.write` writes. */
export function encodeExpr(t: IngotType, e: string, depth = 0): string {
  const it = `x${depth}`;
  switch (t.kind) {
    case 'int':
    case 'bool':
    case 'str':
      return e;
    case 'float':
      return `IngotJson.float(${e})`;
    case 'list':
    case 'set': {
      const inner = encodeExpr(t.item, it, depth + 1);
      return inner === it ? e : `${e}.map { ${it} -> ${inner} }`;
    }
    case 'optional': {
      const inner = encodeExpr(t.item, it, depth + 1);
      return inner === it ? e : `${e}?.let { ${it} -> ${inner} }`;
    }
    case 'dict': {
      const inner = encodeExpr(t.value, `${it}.value`, depth + 1);
      return inner === `${it}.value` ? e : `${e}.mapValues { ${it} -> ${inner} }`;
    }
    case 'struct':
      return `${e}.toJson()`;
    case 'enum':
      return `${e}.value`;
    default:
      throw new Error(`no typed Kotlin form for ${t.kind}`);
  }
}

/** A value-JSON value of a typable type as a Kotlin expression: a literal where there is one, else decoded at run time. */
export function kotlinValue(v: unknown, t: IngotType, m: Manifest): string {
  if (v === null && (t.kind === 'optional' || t.kind === 'none')) return 'null';
  if (t.kind === 'enum') {
    const member = m.enums?.find((e) => e.name === t.name)?.members.find((x) => x.value === v);
    if (member) return `${t.name}.${names.kotlinMemberName(member.name)}`;
  }
  if (t.kind === 'int' && typeof v === 'number') return `${v}L`;
  if (t.kind === 'float' && typeof v === 'number') return Number.isInteger(v) ? `${v}.0` : String(v);
  if (t.kind === 'bool' && typeof v === 'boolean') return String(v);
  if (t.kind === 'str' && typeof v === 'string') return names.kotlinString(v);
  if ((t.kind === 'list' || t.kind === 'set') && Array.isArray(v))
    return `listOf(${v.map((x) => kotlinValue(x, t.item, m)).join(', ')})`;
  return decodeExpr(t, `IngotJson.parse(${names.kotlinString(JSON.stringify(v))})`);
}

function lowerStruct(st: ManifestStruct, m: Manifest): KotlinStruct {
  return {
    name: st.name,
    origin: st.origin,
    fields: st.fields.map((f) => {
      const name = names.kotlinName(f.name);
      return {
        name,
        jsonName: f.name,
        type: kotlinType(f.type),
        defaultKt: f.has_default ? kotlinValue(f.default, f.type, m) : null,
        decode: decodeExpr(f.type, `IngotJson.field(o, ${names.kotlinString(f.name)}, ${names.kotlinString(st.name)})`),
        encode: encodeExpr(f.type, name),
        allowed:
          st.origin === 'pydantic' && f.allowed?.length
            ? f.allowed.map((v) => kotlinValue(v, f.type.kind === 'optional' ? f.type.item : f.type, m))
            : null,
      };
    }),
  };
}

export function lowerKotlinRecords(m: Manifest): KotlinRecords {
  const typed = typableStructs(m);
  return {
    structs: (m.structs ?? []).filter((st) => typed.has(st.name)).map((st) => lowerStruct(st, m)),
    enums: (m.enums ?? []).map((en) => ({
      name: en.name,
      valueType: en.value_type.kind === 'int' ? 'Long' : 'String',
      members: en.members.map((x) => ({
        name: names.kotlinMemberName(x.name),
        valueKt: typeof x.value === 'number' ? `${x.value}L` : names.kotlinString(String(x.value)),
      })),
    })),
    typed,
  };
}

/** Whether a parameter, return or stream item of this type is presented typed (it reaches a record and Kotlin can type all of it). */
export function presentedTyped(t: IngotType, r: KotlinRecords): boolean {
  return reachesRecords(t) && isTypable(t, r.typed);
}
