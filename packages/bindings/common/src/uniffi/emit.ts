// Emits the uniffi crate: Cargo.toml, src/lib.rs and a Cargo.lock merged from the compiled crate's lock and uniffi's.
// Input is the `UniffiCrate` from the uniffi pass plus the compiled crate; output is a map of relative path to text.

import { mergeCargoLocks } from '../cargoLock';
import type { CompiledCrate } from '../compiledCrate';
import { TemplateSet } from '../templates';
import { COMPILED_CRATE_ALIAS, RUNTIME_CRATE_ALIAS, TENSOR_CRATE_ALIAS } from './names';
import type { UniffiCrate, UniffiFunction } from './pass';
import { UNIFFI_VERSION } from './versions';

export const uniffiTemplates = new TemplateSet('uniffi', 'uniffi');

function rustString(s: string): string {
  return JSON.stringify(s);
}

/** The conversion of one value to its crossing type, as a `fn(T) -> PyResult<U>`. */
function converter(crossing: UniffiFunction['ret']['crossing']): string {
  return crossing === 'json'
    ? '__ingot_ret'
    : crossing === 'matrix'
      ? '__ingot_f32_matrix'
      : crossing === 'image'
        ? '__ingot_image'
        : '__ingot_same';
}

/**
 * A generator function: a uniffi object over the compiled `rt::Stream` (`next()` runs the generator to its next
 * `yield`), and the exported function that opens it. No line of the generator runs before the first `next()`.
 */
function emitStream(f: UniffiFunction, params: string, args: string): string {
  const s = f.stream!;
  const item = s.item.rustType;
  return [
    `/// A run of \`${f.pyName}(...)\`: \`next()\` gives its items one at a time, then None.`,
    `#[derive(uniffi::Object)]`,
    `pub struct ${s.objectName}(__IngotStream<${item}>);`,
    ``,
    `#[uniffi::export]`,
    `impl ${s.objectName} {`,
    `    /// Runs the generator to its next \`yield\`: the item, or None once it has returned. An exception it raises is`,
    `    /// the error, after the items before it; the stream is then finished.`,
    `    pub fn next(&self) -> Result<Option<${item}>, IngotError> {`,
    `        self.0.next()`,
    `    }`,
    ``,
    `    /// Ends the stream now (Python's \`generator.close()\`): a generator parked at a \`yield\` unwinds from it.`,
    `    /// (Not \`close\`, which uniffi's Kotlin objects already have: it frees the object, which also ends the stream.)`,
    `    pub fn stop(&self) {`,
    `        self.0.close()`,
    `    }`,
    `}`,
    ``,
    `/// \`${f.signature.replace(/`/g, "'")}\``,
    `#[uniffi::export]`,
    `pub fn ${f.ffiName}(${params}) -> Result<${f.ret.rustType}, IngotError> {`,
    `    __ingot_guard(move || Ok(std::sync::Arc::new(${s.objectName}(__IngotStream::new(${s.rustPath}(${args}), ${converter(s.item.crossing)})))))`,
    `}`,
  ].join('\n');
}

function emitFunction(f: UniffiFunction): string {
  const params = f.params.map((p) => `${p.ffiName}: ${p.rustType}`).join(', ');
  const args = f.params
    .map((p) =>
      p.crossing === 'native'
        ? p.ffiName
        : p.crossing === 'image'
          ? `__ingot_image_arg(${p.ffiName}, ${rustString(p.pyName)})?`
          : `__ingot_arg(&${p.ffiName}, ${rustString(p.pyName)})?`,
    )
    .join(', ');
  if (f.stream) return emitStream(f, params, args);
  const call = `${f.rustPath}(${args})`;
  const body =
    f.ret.crossing === 'json'
      ? `__ingot_ret(${call}?)`
      : f.ret.crossing === 'matrix'
        ? `__ingot_f32_matrix(${call}?)`
        : f.ret.crossing === 'image'
          ? `__ingot_image(${call}?)`
          : call;
  return [
    `/// \`${f.signature.replace(/`/g, "'")}\``,
    `#[uniffi::export]`,
    `pub fn ${f.ffiName}(${params}) -> Result<${f.ret.rustType}, IngotError> {`,
    `    __ingot_guard(move || ${body})`,
    `}`,
  ].join('\n');
}

/** Lets the language wrapper point the compiled library at the package's copy of its model files. */
const RESOURCE_FN = `/// Sets the folder holding the compiled module's model files.
#[uniffi::export]
pub fn ingot_set_resource_dir(dir: String) {
    {{compiledAlias}}::set_resource_dir(std::path::PathBuf::from(dir));
}
`;

/**
 * Where the uniffi crate finds its sources: its lib.rs and the two crates it depends on by path, each absolute or relative
 * to the crate's folder. By default the crate's own src/lib.rs and the compiled crate and runtime where they are.
 */
export interface UniffiCratePaths {
  lib: string;
  compiled: string;
  runtime: string;
  /** ingot-tensor, which the crate names for images (the same path the compiled crate uses); null without it. */
  tensor: string | null;
}

export function emitUniffiCrate(
  c: UniffiCrate,
  compiled: CompiledCrate,
  paths: UniffiCratePaths = {
    lib: 'src/lib.rs',
    compiled: compiled.dir,
    runtime: compiled.runtimeDir,
    tensor: compiled.tensorDir,
  },
): Record<string, string> {
  if (c.usesImage && !paths.tensor)
    throw new Error(
      `the compiled crate of '${c.moduleName}' takes or gives images but does not depend on ingot-tensor`,
    );
  const fields = {
    moduleName: c.moduleName,
    cratePkg: c.pkg,
    crateLib: c.lib,
    version: c.version,
    compiledAlias: COMPILED_CRATE_ALIAS,
    runtimeAlias: RUNTIME_CRATE_ALIAS,
    compiledPkg: compiled.packageName,
    libPath: rustString(paths.lib),
    compiledPath: rustString(paths.compiled),
    runtimePath: rustString(paths.runtime),
    tensorAlias: TENSOR_CRATE_ALIAS,
    tensorDependency:
      c.usesImage && paths.tensor
        ? `\n# The tensor crate the compiled crate uses (same path, so one copy): images cross as its nd::Image.\n${TENSOR_CRATE_ALIAS} = { package = "ingot-tensor", path = ${rustString(paths.tensor)} }`
        : '',
    uniffiVersion: UNIFFI_VERSION,
  };
  const lib = uniffiTemplates.fill('lib.rs.tmpl', {
    ...fields,
    jsonHelpers: c.usesJson ? uniffiTemplates.fill('json_helpers.rs.tmpl', fields) : '',
    matrixHelpers:
      (c.usesMatrix ? uniffiTemplates.fill('matrix_helpers.rs.tmpl', fields) : '') +
      (c.usesImage ? uniffiTemplates.fill('image_helpers.rs.tmpl', fields) : '') +
      (c.usesStreams ? uniffiTemplates.fill('stream_helpers.rs.tmpl', fields) : ''),
    functions:
      (c.hasResources ? `\n${RESOURCE_FN.replace('{{compiledAlias}}', COMPILED_CRATE_ALIAS)}` : '') +
      c.functions.map((f) => '\n' + emitFunction(f)).join('\n'),
  });
  const uniffiLock = uniffiTemplates.read('uniffi.Cargo.lock');
  return {
    'Cargo.toml': uniffiTemplates.fill('Cargo.toml.tmpl', fields),
    'src/lib.rs': lib,
    'Cargo.lock': compiled.lock ? mergeCargoLocks(compiled.lock, uniffiLock) : mergeCargoLocks(uniffiLock),
  };
}
