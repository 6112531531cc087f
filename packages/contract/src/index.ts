// Ingot's contracts, written once and imported by every other package: the manifest that `ingot compile`
// writes (and every generator and the server reads), and the OpenAI-style surfaces with their conformance cases.
// Invariant: this package imports no other Ingot package; it holds data and pure functions only.
export * from './manifest';
export * from './rustNames';
export * as openai from './openai';
