// The shared cargo target dir (docs/contracts.md): its place and the library locks of the builds in it. The compiler
// and the binding generators both build into it, and import nothing of each other, so the protocol lives here once.
// Invariant: this package imports no other Ingot package.
export * from './lock';
export * from './paths';
