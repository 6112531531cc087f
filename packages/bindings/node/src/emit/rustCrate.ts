// Emits the napi-rs crate: Cargo.toml, build.rs, src/lib.rs and a Cargo.lock merged from the compiled crate's lock and napi's.
// Input is the `NodeBinding` from the target pass plus the compiled crate's location; output is a map of relative path to text.

import type { NodeBinding, NodeFunction } from '../pass';
import { COMPILED_CRATE_ALIAS, RUNTIME_CRATE_ALIAS, rustString } from '../names';
import { nodeTemplates } from '../templates';
import { mergeCargoLocks } from '@ingot/bindings-common';
import { NAPI_BUILD_VERSION, NAPI_DERIVE_VERSION, NAPI_VERSION } from '../versions';

export interface RustCrateInputs {
  /** Absolute path of compileDir/crate. */
  compiledCrateDir: string;
  /** Absolute path of the runtime crate, as the compiled crate's Cargo.toml names it. */
  runtimeDir: string;
  /** The compiled crate's Cargo.lock text, if it has one. */
  compiledLock: string | null;
}

/** The call of the compiled function inside the guard, from the napi parameters in scope. */
function guardedBody(f: NodeFunction): string {
  const args = f.params
    .map((p) => (p.crossing === 'native' ? p.rustName : `__ingot_arg(&${p.rustName}, ${rustString(p.pyName)})?`))
    .join(', ');
  const call = `${f.rustPath}(${args})`;
  if (f.ret.crossing === 'json') return `__ingot_ret(${call}?)`;
  if (f.ret.crossing === 'float32') return `__ingot_f32(${call}?)`;
  return call;
}

/**
 * A generator function: a `#[napi]` class over the compiled `rt::Stream`, whose `next()` is an AsyncTask (the generator
 * runs to its next `yield` on the libuv thread pool) and `stop()` ends it; and the function that opens it (arguments
 * are decoded here, on the main thread; no line of the generator runs before the first `next()`).
 */
function emitRustStream(f: NodeFunction): string {
  const s = f.stream!;
  const params = f.params.map((p) => `${p.rustName}: ${p.napiRustType}`).join(', ');
  const args = f.params
    .map((p) => (p.crossing === 'native' ? p.rustName : `__ingot_arg(&${p.rustName}, ${rustString(p.pyName)})?`))
    .join(', ');
  const item = s.item.napiRustType;
  const convert = s.item.crossing === 'json' ? '__ingot_ret' : '__ingot_same';
  return [
    `/// A run of \`${f.pyName}(...)\`: \`next()\` resolves to its next item, or null once the generator has returned.`,
    `#[napi(js_name = ${rustString(s.className)})]`,
    `pub struct ${s.className} {`,
    `    inner: __IngotStream<${item}>,`,
    `}`,
    ``,
    `#[napi]`,
    `impl ${s.className} {`,
    `    /// Runs the generator to its next \`yield\` on the thread pool; a Python exception rejects, after the items before it.`,
    `    #[napi]`,
    `    pub fn next(&self) -> napi::bindgen_prelude::AsyncTask<__IngotNextTask<${item}>> {`,
    `        napi::bindgen_prelude::AsyncTask::new(self.inner.task())`,
    `    }`,
    ``,
    `    /// Ends the stream now: a generator parked at a \`yield\` unwinds from it (Python's \`generator.close()\`).`,
    `    #[napi]`,
    `    pub fn stop(&self) {`,
    `        self.inner.stop()`,
    `    }`,
    `}`,
    ``,
    `/// \`${f.signature}\``,
    `#[napi(js_name = ${rustString(f.nativeName)})]`,
    `pub fn ${f.napiRustFn}(${params}) -> napi::Result<${s.className}> {`,
    `    __ingot_guard(move || Ok(${s.className} { inner: __IngotStream::new(${s.rustPath}(${args}), ${convert}) }))`,
    `}`,
  ].join('\n');
}

function emitRustFunction(f: NodeFunction): string {
  if (f.stream) return emitRustStream(f);
  const params = f.params.map((p) => `${p.rustName}: ${p.napiRustType}`).join(', ');
  const names = f.params.map((p) => p.rustName);
  const types = f.params.map((p) => p.napiRustType);
  const tuple = (xs: string[]) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);
  const ret = f.ret.napiRustType;
  return [
    `/// \`${f.signature}\``,
    `#[napi(js_name = ${rustString(f.nativeName)})]`,
    `pub fn ${f.napiRustFn}(${params}) -> napi::Result<${ret}> {`,
    `    __ingot_guard(move || ${guardedBody(f)})`,
    `}`,
    ``,
    `/// The arguments of one \`${f.pyName}\` call, run by napi on the libuv thread pool.`,
    `pub struct ${f.taskStruct} {`,
    `    args: Option<${tuple(types)}>,`,
    `}`,
    ``,
    `impl napi::Task for ${f.taskStruct} {`,
    `    type Output = ${ret};`,
    `    type JsValue = ${ret};`,
    ``,
    `    fn compute(&mut self) -> napi::Result<${ret}> {`,
    `        let ${tuple(names)} = self.args.take().ok_or_else(|| napi::Error::from_reason("RuntimeError: task ran twice"))?;`,
    `        __ingot_guard(move || ${guardedBody(f)})`,
    `    }`,
    ``,
    `    fn resolve(&mut self, _env: napi::Env, output: ${ret}) -> napi::Result<${ret}> {`,
    `        Ok(output)`,
    `    }`,
    `}`,
    ``,
    `#[napi(js_name = ${rustString(f.asyncNativeName)})]`,
    `pub fn ${f.asyncNapiRustFn}(${params}) -> napi::bindgen_prelude::AsyncTask<${f.taskStruct}> {`,
    `    napi::bindgen_prelude::AsyncTask::new(${f.taskStruct} { args: Some(${tuple(names)}) })`,
    `}`,
  ].join('\n');
}

export function emitRustCrate(b: NodeBinding, inputs: RustCrateInputs): Record<string, string> {
  const fields = {
    moduleName: b.moduleName,
    compiledPackage: b.compiledPackage,
    cratePkg: b.crate.pkg,
    crateLib: b.crate.lib,
    version: b.version,
    compiledAlias: COMPILED_CRATE_ALIAS,
    runtimeAlias: RUNTIME_CRATE_ALIAS,
    compiledPath: rustString(inputs.compiledCrateDir),
    runtimePath: rustString(inputs.runtimeDir),
    napiVersion: NAPI_VERSION,
    napiDeriveVersion: NAPI_DERIVE_VERSION,
    napiBuildVersion: NAPI_BUILD_VERSION,
  };
  const jsonHelpers =
    (b.usesJson ? nodeTemplates.fill('native/json_helpers.rs.tmpl', fields) : '') +
    (b.usesFloat32 ? nodeTemplates.fill('native/f32_helpers.rs.tmpl', fields) : '') +
    (b.usesStreams ? nodeTemplates.fill('native/stream_helpers.rs.tmpl', fields) : '');
  const lib = nodeTemplates.fill('native/lib.rs.tmpl', {
    ...fields,
    jsonHelpers,
    functions:
      (b.hasResources ? `\n${nodeTemplates.fill('native/resources.rs.tmpl', fields)}` : '') +
      b.functions.map((f) => '\n' + emitRustFunction(f)).join('\n'),
  });
  const napiLock = nodeTemplates.read('native/napi.Cargo.lock');
  return {
    'Cargo.toml': nodeTemplates.fill('native/Cargo.toml.tmpl', fields),
    'build.rs': nodeTemplates.read('native/build.rs'),
    'src/lib.rs': lib,
    'Cargo.lock': inputs.compiledLock ? mergeCargoLocks(inputs.compiledLock, napiLock) : mergeCargoLocks(napiLock),
  };
}
