/**
 * The compiler's public API. The CLI and the binding generators use only what is exported here.
 */
import './registry';

export {
  parseSourceSpec,
  frontend,
  irText,
  compile,
  compileForRun,
  cacheDirFor,
  runCacheLimit,
  pruneRunCache,
  runtimeVersion,
  compilerVersion,
  CRATE_FEATURES,
  QUANTIZATIONS,
} from './pipeline';
export type { SourceSpec, CompileResult, CompileOptions, FrontendResult, RunCacheResult } from './pipeline';
export type { PruneResult } from './cache';
export { renderDiagnostics, renderDiagnostic, diagnosticsToJson } from './diagnostics/render';
export type { Diagnostic, Span } from './diagnostics/diagnostic';
export { CATALOG } from './diagnostics/catalog';
export type { Manifest, ManifestFunction } from './emit/manifest';
export { allOps } from './registry';
export type { OpEntry } from './registry';
export { runnerPath, ensureTools } from './build/cargo';
export { REPO_ROOT, NATIVE_RUST, cargoTargetDir, cacheHome } from './build/paths';
