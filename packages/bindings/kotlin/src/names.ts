// Every identifier the Kotlin target generates goes through this module: the Kotlin package, file and class names,
// camelCase parameters and functions, and backtick escapes for Kotlin keywords. Private names start with `ingot`/`Ingot`.

const KOTLIN_HARD_KEYWORDS = new Set([
  'as',
  'break',
  'class',
  'continue',
  'do',
  'else',
  'false',
  'for',
  'fun',
  'if',
  'in',
  'interface',
  'is',
  'null',
  'object',
  'package',
  'return',
  'super',
  'this',
  'throw',
  'true',
  'try',
  'typealias',
  'typeof',
  'val',
  'var',
  'when',
  'while',
]);

export function camelCase(pyName: string): string {
  const lead = /^_*/.exec(pyName)![0];
  return lead + pyName.slice(lead.length).replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A Kotlin function or parameter name for a Python name. */
export function kotlinName(pyName: string): string {
  const n = camelCase(pyName);
  return KOTLIN_HARD_KEYWORDS.has(n) ? `\`${n}\`` : n;
}

/** An enum member's name, kept as Python spells it (`QUERY`), escaped when it is a Kotlin keyword. */
export function kotlinMemberName(pyName: string): string {
  return KOTLIN_HARD_KEYWORDS.has(pyName) ? `\`${pyName}\`` : pyName;
}

/** The Kotlin package of the wrapper: `ingot.<module>` (lower case, `_` for anything else). */
export function kotlinPackage(project: string): string {
  const seg =
    project
      .replace(/^@[^/]+\//, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'module';
  const safe = /^[0-9]/.test(seg) || KOTLIN_HARD_KEYWORDS.has(seg) ? `m_${seg}` : seg;
  return `ingot.${safe}`;
}

/** `embed_gemma` -> `EmbedGemma`: the wrapper file and its JVM class name. */
export function pascalCase(name: string): string {
  const c = camelCase(
    name
      .replace(/^@[^/]+\//, '')
      .replace(/[^a-zA-Z0-9_]+/g, '_')
      .replace(/^_+/, ''),
  );
  const p = c.charAt(0).toUpperCase() + c.slice(1);
  return /^[0-9]/.test(p) || !p ? `M${p}` : p;
}

/** The Gradle module and jar base name. */
export function artifactName(project: string): string {
  return (
    project
      .replace(/^@[^/]+\//, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-') || 'ingot-module'
  );
}

/** A Kotlin string literal; `$` is escaped so it is never a template. */
export function kotlinString(s: string): string {
  return JSON.stringify(s).replace(/\$/g, '\\$');
}

/** JNA's resource folder for the host (`linux-x86-64`), where it looks for a native library on the classpath. */
export function jnaResourcePrefix(): string {
  const os = process.platform === 'darwin' ? 'darwin' : process.platform === 'win32' ? 'win32' : process.platform;
  const arch = process.arch === 'x64' ? 'x86-64' : process.arch === 'arm64' ? 'aarch64' : process.arch;
  return process.platform === 'darwin' ? `darwin-${arch}` : `${os}-${arch}`;
}
