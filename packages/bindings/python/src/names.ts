// Every identifier the Python target generates goes through this module: the import package, the distribution and wheel names.
// Function and parameter names are the Python ones from the manifest, already valid Python; private names start with `_ingot`.

export const PRIVATE_PREFIX = '_ingot';

const PY_KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** The import package: `from <importName> import fma`. A scope or dashes in the project name are dropped or become `_`. */
export function importName(project: string): string {
  let n = project
    .replace(/^@[^/]+\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!n || /^[0-9]/.test(n)) n = `ingot_${n}`;
  return PY_KEYWORDS.has(n) ? `${n}_` : n;
}

/** The distribution name (PEP 503 normalised). */
export function distName(project: string): string {
  return (
    project
      .replace(/^@[^/]+\//, '')
      .toLowerCase()
      .replace(/[-_.]+/g, '-')
      .replace(/[^a-z0-9-]/g, '-') || 'ingot-module'
  );
}

/** The distribution name as a wheel file name spells it. */
export function wheelDistName(dist: string): string {
  return dist.replace(/[-_.]+/g, '_');
}

/** A string as a Python literal (JSON's escapes are valid Python escapes). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}
