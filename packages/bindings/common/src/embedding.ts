// Which manifest function the OpenAI-style client wraps.
// An embedding function takes `list[str]` first (other parameters defaulted) and returns a float32 ndarray.
// The manifest carries no rank, so a float32 ndarray return is taken as the 2-D `[len(texts), dim]` matrix.

import type { Manifest, ManifestFunction } from './manifest';

export function findEmbeddingFunction(manifest: Manifest): ManifestFunction | null {
  for (const f of manifest.functions) {
    const [first, ...rest] = f.params;
    if (!first || first.type.kind !== 'list' || first.type.item.kind !== 'str') continue;
    if (rest.some((p) => !p.has_default)) continue;
    if (f.returns.kind !== 'ndarray' || f.returns.dtype !== 'float32' || f.stream) continue;
    return f;
  }
  return null;
}

/** The `model` name the client answers to: the project name without an npm-style scope. */
export function clientModelName(project: string): string {
  return project.replace(/^@[^/]+\//, '');
}
