// Every identifier the Node target generates goes through this module: JS and TS names, Rust idents, npm package and binary names.
// Private names in generated code start with `__ingot` so they never collide with a user's function or parameter.

export const PRIVATE_PREFIX = '__ingot';

const JS_RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'await',
  'arguments',
  'eval',
  'undefined',
  'NaN',
  'Infinity',
  'require',
  'module',
  'exports',
]);

/** `embed_texts` -> `embedTexts`; a leading underscore is kept, as Python's "private" marker. */
export function camelCase(pyName: string): string {
  const lead = /^_*/.exec(pyName)![0];
  const rest = pyName.slice(lead.length);
  return lead + rest.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The exported JS name of a Python function or parameter. */
export function jsName(pyName: string): string {
  const n = camelCase(pyName);
  return JS_RESERVED.has(n) ? `${n}_` : n;
}

/** The name under which the .node addon exports a function; only the generated index.js sees it. */
export function nativeExportName(pyName: string): string {
  return `${PRIVATE_PREFIX}_${pyName}`;
}

/** The Rust function in the napi crate; its JS name is set separately by `js_name`. */
export function napiRustFnName(pyName: string): string {
  return `${PRIVATE_PREFIX}_fn_${pyName}`;
}

/** The `napi::Task` struct behind a function's async variant. */
export function taskStructName(pyName: string): string {
  return `${PRIVATE_PREFIX}_Task_${pyName}`;
}

/** The `#[napi]` class a generator function's native call returns (one per function: its `next()` has the item type). */
export function streamClassName(pyName: string): string {
  return `${PRIVATE_PREFIX}_Stream_${pyName}`;
}

/** A napi parameter; the prefix keeps Python names such as `type` or `match` from being Rust keywords. */
export function napiRustParamName(pyName: string): string {
  return `p_${pyName}`;
}

/** The dependency key for the compiled crate; renaming it keeps a module called e.g. `match` or `napi` from clashing. */
export const COMPILED_CRATE_ALIAS = 'ingot_compiled';
export const RUNTIME_CRATE_ALIAS = 'ingot_runtime';

/** An npm package name: lower case, URL-safe; a scope is kept. */
export function npmPackageName(project: string): string {
  const scoped = /^@[^/]+\/.+$/.test(project);
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9._~-]+/g, '-')
      .replace(/^[._-]+/, '') || 'ingot-module';
  if (scoped) {
    const [scope, name] = project.slice(1).split('/', 2);
    return `@${clean(scope)}/${clean(name)}`;
  }
  return clean(project);
}

/** napi-rs names platform packages `<package>-<platform>`, e.g. `fma-linux-x64-gnu`. */
export function platformPackageName(pkg: string, platform: string): string {
  return `${pkg}-${platform}`;
}

/** The .node file's stem (napi `binaryName`): the package name without scope. */
export function binaryName(pkg: string): string {
  return pkg.replace(/^@[^/]+\//, '').replace(/[^a-zA-Z0-9_-]/g, '-');
}

/** The napi crate's package and lib names. */
export function napiCrateName(moduleName: string): { pkg: string; lib: string } {
  const base = moduleName.replace(/[^a-zA-Z0-9_]/g, '_');
  return { pkg: `ingot-node-${base.replace(/_/g, '-')}`, lib: `ingot_node_${base}` };
}

/** A string as a JS single-quoted literal. */
export function jsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** The d.ts interface a struct argument is checked against when it differs from the result's (defaulted fields may be left out). */
export function structInputName(structName: string): string {
  return `${structName}Input`;
}

/** A struct field as a property key in generated JS and TS: its Python name, quoted when it is not an identifier. */
export function propertyName(field: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(field) ? field : jsString(field);
}

/** A string as a Rust string literal. */
export function rustString(s: string): string {
  return JSON.stringify(s);
}
