// The uniffi crate the Python, Kotlin and Swift targets share: pass, emitter, build and bindgen.
export * from './capabilities';
export * from './names';
export * from './pass';
export * from './emit';
export * from './build';
export { UNIFFI_VERSION } from './versions';
