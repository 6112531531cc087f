// Dataclasses, pydantic models and Enums in the Swift target: a `struct ...: Codable, Equatable` per struct and an
// `enum ...: String|Int64, Codable` per Enum, read from and written to value JSON with Foundation's JSONDecoder/JSONEncoder.
// A struct with a field Swift cannot type (tuple, union, ndarray, None) is not generated; values reaching it stay JSON text.

import {
  isTypable,
  reachesRecords,
  typableStructs,
  type IngotType,
  type Manifest,
  type ManifestStruct,
} from '@ingot/bindings-common';
import * as names from './names';

export interface SwiftStructField {
  /** The Swift property (camelCase of the Python field), and the value-JSON key it maps to. */
  name: string;
  jsonName: string;
  type: string;
  /** The memberwise init's default, when the Python default has a Swift literal. */
  defaultSwift: string | null;
}

export interface SwiftStruct {
  name: string;
  origin: 'dataclass' | 'pydantic';
  fields: SwiftStructField[];
  /** Some property name differs from its JSON key, or `encodesNulls`: the struct declares `CodingKeys`. */
  codingKeys: boolean;
  /**
   * Some field is optional: the struct writes its own `encode(to:)`, since the synthesized one leaves a nil field out and the
   * compiled code expects every field (None is `null`).
   */
  encodesNulls: boolean;
  /** A pydantic model's Literal fields, for the doc comment (Swift does not check them). */
  literals: { name: string; values: string }[];
}

export interface SwiftEnum {
  name: string;
  /** `String` or `Int64`, the raw value type. */
  rawType: string;
  members: { name: string; valueSwift: string }[];
}

export interface SwiftRecords {
  structs: SwiftStruct[];
  enums: SwiftEnum[];
  /** The structs Swift presents typed. */
  typed: ReadonlySet<string>;
}

/** A Swift type for a typable manifest type (see `isTypable`). */
export function swiftType(t: IngotType): string {
  switch (t.kind) {
    case 'int':
      return 'Int64';
    case 'float':
      return 'Double';
    case 'bool':
      return 'Bool';
    case 'str':
      return 'String';
    case 'list':
    case 'set':
      return `[${swiftType(t.item)}]`;
    case 'optional':
      return `${swiftType(t.item)}?`;
    case 'dict':
      return `[String: ${swiftType(t.value)}]`;
    case 'struct':
    case 'enum':
      return t.name;
    default:
      throw new Error(`no typed Swift form for ${t.kind}`);
  }
}

/** A value-JSON value as a Swift literal of type `t`, or null when it has none (a struct, a special float). */
export function swiftLiteral(v: unknown, t: IngotType, m: Manifest): string | null {
  if (v === null) return t.kind === 'optional' ? 'nil' : null;
  const inner = t.kind === 'optional' ? t.item : t;
  switch (inner.kind) {
    case 'int':
      return typeof v === 'number' ? String(v) : null;
    case 'float':
      return typeof v === 'number' ? (Number.isInteger(v) ? `${v}.0` : String(v)) : null;
    case 'bool':
      return typeof v === 'boolean' ? String(v) : null;
    case 'str':
      return typeof v === 'string' ? names.swiftString(v) : null;
    case 'enum': {
      const member = m.enums?.find((e) => e.name === inner.name)?.members.find((x) => x.value === v);
      return member ? `${inner.name}.${names.swiftCaseName(member.name)}` : null;
    }
    case 'list':
    case 'set': {
      if (!Array.isArray(v)) return null;
      const items = v.map((x) => swiftLiteral(x, inner.item, m));
      return items.every((x) => x !== null) ? `[${items.join(', ')}]` : null;
    }
    case 'dict': {
      if (typeof v !== 'object') return null;
      const entries = Object.entries(v as Record<string, unknown>).map(
        ([k, x]) => [k, swiftLiteral(x, inner.value, m)] as const,
      );
      if (!entries.every(([, x]) => x !== null)) return null;
      return entries.length ? `[${entries.map(([k, x]) => `${names.swiftString(k)}: ${x}`).join(', ')}]` : '[:]';
    }
    default:
      return null;
  }
}

function lowerStruct(st: ManifestStruct, m: Manifest): SwiftStruct {
  const fields = st.fields.map((f) => ({
    name: names.swiftName(f.name),
    jsonName: f.name,
    type: swiftType(f.type),
    defaultSwift: f.has_default ? swiftLiteral(f.default, f.type, m) : null,
  }));
  return {
    name: st.name,
    origin: st.origin,
    fields,
    codingKeys: fields.some((f) => f.name !== f.jsonName) || st.fields.some((f) => f.type.kind === 'optional'),
    encodesNulls: st.fields.some((f) => f.type.kind === 'optional'),
    literals:
      st.origin === 'pydantic'
        ? st.fields
            .filter((f) => f.allowed?.length)
            .map((f) => ({
              name: names.swiftName(f.name),
              values: f.allowed!.map((v) => JSON.stringify(v)).join(', '),
            }))
        : [],
  };
}

export function lowerSwiftRecords(m: Manifest): SwiftRecords {
  const typed = typableStructs(m);
  return {
    structs: (m.structs ?? []).filter((st) => typed.has(st.name)).map((st) => lowerStruct(st, m)),
    enums: (m.enums ?? []).map((en) => ({
      name: en.name,
      rawType: en.value_type.kind === 'int' ? 'Int64' : 'String',
      members: en.members.map((x) => ({
        name: names.swiftCaseName(x.name),
        valueSwift: typeof x.value === 'number' ? String(x.value) : names.swiftString(String(x.value)),
      })),
    })),
    typed,
  };
}

/** Whether a parameter, return or stream item of this type is presented typed (it reaches a record and Swift can type all of it). */
export function presentedTyped(t: IngotType, r: SwiftRecords): boolean {
  return reachesRecords(t) && isTypable(t, r.typed);
}
