/**
 * The lock of one library name in the shared target dir (@ingot/cargo, docs/contracts.md): cargo serialises builds in
 * one target dir, but the artifact it leaves, `release/lib<name>.so`, has the same path for every crate with that
 * library name: two `ingot` processes compiling different functions of the same module could each copy out the other's
 * library, and a binding's build over the same module elsewhere could link the other's. Build-and-copy holds it.
 */
export { withBuildLock as withLibLock } from '@ingot/cargo';
