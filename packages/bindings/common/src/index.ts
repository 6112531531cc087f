// Pieces shared by the binding generators. Each target keeps its own capability table, names module, pass and emitters;
// what lives here is target-neutral: reading the manifest and the compiled crate, checking capabilities against a table,
// templates, Cargo.lock merging, running build tools, and the uniffi crate behind the Python, Kotlin and Swift targets.
export * from './manifest';
export * from './records';
export * from './buildLock';
export * from './capabilities';
export * from './cargoLock';
export * from './compiledCrate';
export * from './embedding';
export * from './files';
export * from './paths';
export * from './run';
export * from './templates';
export * as uniffi from './uniffi';
export * from './targets';
