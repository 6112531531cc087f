// The OpenAI-style client's pieces that every target shares. Which function serves a surface is never decided here:
// the compiler writes each function's role into the manifest (`functionWithRole`).

/** The `model` name the client answers to: the project name without an npm-style scope. */
export function clientModelName(project: string): string {
  return project.replace(/^@[^/]+\//, '');
}
