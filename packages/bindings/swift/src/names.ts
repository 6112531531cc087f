// Every identifier the Swift target generates goes through this module: the package and target names, camelCase
// functions and argument labels, and backtick escapes for Swift keywords. Private names start with `ingot`/`Ingot`.

const SWIFT_KEYWORDS = new Set([
  'associatedtype',
  'class',
  'deinit',
  'enum',
  'extension',
  'fileprivate',
  'func',
  'import',
  'init',
  'inout',
  'internal',
  'let',
  'open',
  'operator',
  'private',
  'precedencegroup',
  'protocol',
  'public',
  'rethrows',
  'static',
  'struct',
  'subscript',
  'typealias',
  'var',
  'break',
  'case',
  'catch',
  'continue',
  'default',
  'defer',
  'do',
  'else',
  'fallthrough',
  'for',
  'guard',
  'if',
  'in',
  'repeat',
  'return',
  'throw',
  'switch',
  'where',
  'while',
  'Any',
  'as',
  'false',
  'is',
  'nil',
  'self',
  'Self',
  'super',
  'throws',
  'true',
  'try',
  'await',
  'async',
  'Type',
  'Protocol',
]);

export function camelCase(pyName: string): string {
  const lead = /^_*/.exec(pyName)![0];
  return lead + pyName.slice(lead.length).replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A Swift function name, parameter name or argument label for a Python name. */
export function swiftName(pyName: string): string {
  const n = camelCase(pyName);
  return SWIFT_KEYWORDS.has(n) ? `\`${n}\`` : n;
}

/** An enum case for a Python member name: `QUERY` -> `query`, `SEARCH_RESULT` -> `searchResult`, `Low` -> `low`. */
export function swiftCaseName(pyName: string): string {
  const base = /^[A-Z0-9_]+$/.test(pyName) ? pyName.toLowerCase() : pyName;
  const c = camelCase(base);
  const n = c.charAt(0).toLowerCase() + c.slice(1);
  return SWIFT_KEYWORDS.has(n) ? `\`${n}\`` : n;
}

/** The package, product and target name: `embed_gemma` -> `EmbedGemma`. */
export function targetName(project: string): string {
  const c = camelCase(
    project
      .replace(/^@[^/]+\//, '')
      .replace(/[^a-zA-Z0-9_]+/g, '_')
      .replace(/^_+/, ''),
  );
  const p = c.charAt(0).toUpperCase() + c.slice(1);
  return !p || /^[0-9]/.test(p) ? `M${p}` : p;
}

/** A Swift string literal; `\(` would be an interpolation, so backslashes are escaped first. */
export function swiftString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** The folder under lib/ for the host library, e.g. `linux-x86_64`. */
export function hostLibFolder(): string {
  const arch = process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch;
  return `${process.platform}-${arch}`;
}
