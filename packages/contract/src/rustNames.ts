// How a Python name is spelled as a Rust identifier in the generated crate, decided once.
// The compiler's emitter sends every identifier it writes through `rustIdent`, and writes each compiled function's
// paths into the manifest with `rustFunctionPaths`; binding generators read those paths and never respell a name.

const RUST_KEYWORDS = new Set([
  'as',
  'async',
  'await',
  'break',
  'const',
  'continue',
  'dyn',
  'else',
  'enum',
  'extern',
  'false',
  'fn',
  'for',
  'if',
  'impl',
  'in',
  'let',
  'loop',
  'match',
  'mod',
  'move',
  'mut',
  'pub',
  'ref',
  'return',
  'static',
  'struct',
  'trait',
  'true',
  'type',
  'unsafe',
  'use',
  'where',
  'while',
  'abstract',
  'become',
  'box',
  'do',
  'final',
  'macro',
  'override',
  'priv',
  'typeof',
  'unsized',
  'virtual',
  'yield',
  'try',
  'gen',
]);

/** Keywords that cannot be raw identifiers (`r#crate` is not valid Rust). */
const RESERVED = new Set(['self', 'Self', 'super', 'crate', '_']);

/** A Python name as a Rust identifier: `crate` → `crate_`, `type` → `r#type`, `__x` → `py__x`, others unchanged. */
export function rustIdent(name: string): string {
  if (RESERVED.has(name)) return `${name}_`;
  if (RUST_KEYWORDS.has(name)) return `r#${name}`;
  // Names that start with the emitter's reserved prefix (`__gen_`, `__stream_`, `__v`) get one more prefix.
  if (name.startsWith('__')) return `py${name}`;
  return name;
}

/** The function that opens a generator as a lazy `rt::Stream`; the prefix keeps it apart from every user name. */
export function rustStreamName(name: string): string {
  return `__stream_${name}`;
}

/** The paths (from the crate root) of a compiled function named `name`, and of its stream opener for a generator. */
export function rustFunctionPaths(name: string, generator: boolean): { function: string; stream: string | null } {
  return { function: rustIdent(name), stream: generator ? rustStreamName(name) : null };
}
