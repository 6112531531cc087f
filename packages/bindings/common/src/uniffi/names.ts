// Names inside the generated uniffi crate. Exported functions and parameters are numbered rather than derived from Python names,
// so every language's casing rules (uniffi's camelCase for Kotlin and Swift) give one predictable name and no Python name
// can collide with a Rust keyword or a uniffi-generated helper. The wrappers, which users call, carry the Python names.

/** The uniffi crate's package and lib names; the lib name is also the uniffi namespace (Python module, Kotlin package suffix). */
export function uniffiCrateName(moduleName: string): { pkg: string; lib: string } {
  const base = moduleName.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
  return { pkg: `ingot-uniffi-${base.replace(/_/g, '-')}`, lib: `ingot_uniffi_${base}` };
}

/** The exported Rust function for the i-th manifest function: `ingot_call_3` (Kotlin and Swift see `ingotCall3`). */
export function ffiFunctionName(index: number): string {
  return `ingot_call_${index}`;
}

export function ffiFunctionNameCamel(index: number): string {
  return `ingotCall${index}`;
}

/** The uniffi object a generator function's call returns: `IngotStream3` for the manifest's function 3. */
export function streamObjectName(index: number): string {
  return `IngotStream${index}`;
}

/** The compiled crate's function that opens a generator as a lazy `rt::Stream` (docs/contracts.md). */
export function streamFunctionName(pyName: string): string {
  return `__stream_${pyName}`;
}

/** The j-th parameter of an exported function, the same in every language. */
export function ffiParamName(index: number): string {
  return `p${index}`;
}

/** The dependency keys of the compiled crate and the runtime in the uniffi crate. */
export const COMPILED_CRATE_ALIAS = 'ingot_compiled';
export const RUNTIME_CRATE_ALIAS = 'ingot_runtime';

/** Rust identifiers: a Python name that is a Rust keyword becomes a raw identifier. */
const RUST_KEYWORDS = new Set([
  'as',
  'break',
  'const',
  'continue',
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
  'async',
  'await',
  'dyn',
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

export function rustIdent(name: string): string {
  return RUST_KEYWORDS.has(name) ? `r#${name}` : name;
}

/** The cdylib's file name on the host, as uniffi's loaders look for it. */
export function hostLibraryFile(lib: string): string {
  if (process.platform === 'darwin') return `lib${lib}.dylib`;
  if (process.platform === 'win32') return `${lib}.dll`;
  return `lib${lib}.so`;
}
