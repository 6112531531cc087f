// The manifest is typed once, in the contract (`@ingot/contract`): every generator imports its types and reader from here,
// so targets depend on bindings-common alone.
export {
  ABI_VERSION,
  FUNCTION_ROLES,
  TYPE_KINDS,
  enumOf,
  functionWithRole,
  parseManifest,
  readManifest,
  structOf,
} from '@ingot/contract';
export type {
  FunctionRole,
  IngotType,
  Manifest,
  ManifestChat,
  ManifestEnum,
  ManifestFunction,
  ManifestParam,
  ManifestRerank,
  ManifestResource,
  ManifestStruct,
  ManifestStructField,
  RustPaths,
  TypeKind,
} from '@ingot/contract';
