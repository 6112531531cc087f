// The manifest types and reader are shared by every binding generator (packages/bindings/common).
export { readManifest, TYPE_KINDS } from '@ingot/bindings-common';
export type { IngotType, TypeKind, Manifest, ManifestFunction, ManifestParam } from '@ingot/bindings-common';
