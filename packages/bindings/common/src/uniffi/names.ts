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

/** The j-th parameter of an exported function, the same in every language. */
export function ffiParamName(index: number): string {
  return `p${index}`;
}

/** The dependency keys of the compiled crate and the runtime in the uniffi crate. */
export const COMPILED_CRATE_ALIAS = 'ingot_compiled';
export const RUNTIME_CRATE_ALIAS = 'ingot_runtime';
export const TENSOR_CRATE_ALIAS = 'ingot_tensor';

/** The cdylib's file name on the host, as uniffi's loaders look for it. */
export function hostLibraryFile(lib: string): string {
  if (process.platform === 'darwin') return `lib${lib}.dylib`;
  if (process.platform === 'win32') return `${lib}.dll`;
  return `lib${lib}.so`;
}
