/**
 * Structure tests: the code map and the layering hold mechanically. The import graph is read
 * from the TypeScript sources themselves (every `import`, `export ... from`, `require()` and
 * `import()` whose specifier resolves to one of our files or packages), then checked against the
 * allowed directions in tools/layers.json (the table the linter also reads), checked for cycles,
 * and every path that ARCHITECTURE.md names in backticks must exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const layers = JSON.parse(fs.readFileSync(path.join(ROOT, 'tools/layers.json'), 'utf8')) as {
  compiler: { root: string; folders: Record<string, string[]>; private: Record<string, string[]> };
  packages: Record<string, { dir: string; imports: string[] }>;
};

function walk(dir: string, out: string[] = []): string[] {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (d.name === 'node_modules' || d.name === 'dist' || d.name === 'fixtures') continue;
    const p = path.join(dir, d.name);
    if (d.isDirectory()) walk(p, out);
    else if (d.name.endsWith('.ts') && !d.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier a file names: static imports and re-exports, `require()` and `import()` calls, `import('x')` types. */
function specifiers(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    )
      out.push(n.moduleSpecifier.text);
    else if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(n.expression) && n.expression.text === 'require')) &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    )
      out.push(n.arguments[0].text);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal))
      out.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The file a relative specifier names, if it is one of ours. */
function resolveRelative(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
}

/** The package an absolute specifier names (`@ingot/bindings-node/dist/pass` is `@ingot/bindings-node`). */
function packageOf(spec: string): string | undefined {
  const m = /^(@ingot\/[a-z-]+)/.exec(spec);
  return m?.[1];
}

const COMPILER = path.join(ROOT, layers.compiler.root);
const compilerFiles = walk(COMPILER);
const edges = new Map<string, string[]>(
  compilerFiles.map((f) => [
    f,
    specifiers(f)
      .map((s) => resolveRelative(f, s))
      .filter((x): x is string => x !== undefined),
  ]),
);
const rel = (f: string): string => path.relative(COMPILER, f).replace(/\.ts$/, '');
/** The compiler folder of a file; files at the root (pipeline, index, cache) are the top and may import anything. */
const folderOf = (f: string): string | undefined => {
  const r = rel(f);
  return r.includes('/') ? r.split('/')[0] : undefined;
};

describe('compiler layering', () => {
  test('every compiler folder is in the layer table', () => {
    const folders = fs
      .readdirSync(COMPILER, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.filter((f) => !(f in layers.compiler.folders))).toEqual([]);
  });

  test('imports between compiler folders go only the allowed ways', () => {
    const wrong: string[] = [];
    for (const [from, tos] of edges) {
      const a = folderOf(from);
      if (a === undefined) continue;
      for (const to of tos) {
        const b = folderOf(to);
        if (b === undefined) {
          wrong.push(`${rel(from)} -> ${rel(to)} (the pipeline's top level)`);
          continue;
        }
        if (a !== b && !layers.compiler.folders[a]!.includes(b)) wrong.push(`${rel(from)} -> ${rel(to)}`);
        for (const [priv, users] of Object.entries(layers.compiler.private))
          if ((rel(to) === priv || rel(to).startsWith(`${priv}/`)) && !users.includes(a) && !rel(from).startsWith(priv))
            wrong.push(`${rel(from)} -> ${rel(to)} (private to ${users.join(', ')})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('the floor (types, ir, regex, diagnostics) imports no stage', () => {
    const floor = new Set(['types', 'ir', 'regex', 'diagnostics']);
    const wrong = [...edges].flatMap(([from, tos]) =>
      floor.has(folderOf(from) ?? '')
        ? tos.filter((t) => !floor.has(folderOf(t) ?? '')).map((t) => `${rel(from)} -> ${rel(t)}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });

  test('the compiler has no import cycles', () => {
    expect(cycles(edges).map((c) => c.map(rel).join(' -> '))).toEqual([]);
  });
});

/** The strongly connected components with more than one file (or a file importing itself), by Tarjan's algorithm. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out;
}

describe('decide in one place, spell in another', () => {
  /**
   * Every registry family (each file of registry/ops, found by listing the folder, so a new family
   * is held to it from its first line): its type rules return only choices (an overload index or a
   * named variant, with plain-data detail), and its Rust is in its spelling tables.
   */
  const FAMILIES = fs
    .readdirSync(path.join(COMPILER, 'registry/ops'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.recorded.ts'))
    .map((f) => f.slice(0, -'.ts'.length));

  test.each(FAMILIES)('registry/ops/%s.ts: rules choose named variants and put no Rust into a choice', (family) => {
    const text = fs.readFileSync(path.join(COMPILER, 'registry/ops', `${family}.ts`), 'utf8');
    expect(text.split('\n').filter((l) => /\btemplate\s*:/.test(l))).toEqual([]);
    // A variant's name says which case it is; numbered names (`v1`) came from an automatic conversion.
    expect(text.split('\n').filter((l) => /variant: 'v\d+'|\bv\d+: \(/.test(l))).toEqual([]);
  });

  test('an op choice has no field that carries Rust', () => {
    // The choice is what a type rule can return; a new field needs a reason here (and one that holds
    // Rust text is the split undone: spelling belongs in the entry's spelling table).
    const file = path.join(COMPILER, 'ir/choice.ts');
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const choice = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'OpChoice');
    expect(choice).toBeDefined();
    const fields = (choice as ts.InterfaceDeclaration).members.map((m) => m.name?.getText(sf));
    expect(fields.sort()).toEqual(
      [
        'callables',
        'detail',
        'dispatch',
        'entry',
        // Optional parameters left out before a keyword (`s.split(maxsplit=1)`): positions, no Rust.
        'holes',
        'inner',
        // Which parameter slot each keyword fills: names to positions, no Rust.
        'kwSlots',
        'mutates',
        // Which argument a mutating op mutates when it is not the first (`rng.shuffle(xs)`): a position, no Rust.
        'mutatedArg',
        'overload',
        'params',
        'refineReceiver',
        'result',
        // Which arguments `inner` takes as their Enum member's value: argument positions, no Rust.
        'valueArgs',
        'variant',
      ].sort(),
    );
  });

  test('infer writes no Rust into a choice', () => {
    const lines = walk(path.join(COMPILER, 'infer')).flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => /\btemplate\s*:/.test(l)),
    );
    expect(lines).toEqual([]);
  });
});

describe('package layering', () => {
  const pkgs = Object.entries(layers.packages);

  test('every workspace package is in the layer table', () => {
    const dirs = ['packages', 'packages/bindings'].flatMap((d) =>
      fs
        .readdirSync(path.join(ROOT, d), { withFileTypes: true })
        .filter((x) => x.isDirectory() && fs.existsSync(path.join(ROOT, d, x.name, 'package.json')))
        .map((x) => `${d}/${x.name}`),
    );
    expect(dirs.filter((d) => !pkgs.some(([, p]) => p.dir === d))).toEqual([]);
  });

  test("a package's sources import only the packages it may (by name or by relative path)", () => {
    const wrong: string[] = [];
    const owner = (file: string): string | undefined =>
      pkgs.find(([, p]) => file.startsWith(path.join(ROOT, p.dir) + path.sep))?.[0];
    for (const [name, p] of pkgs) {
      const src = path.join(ROOT, p.dir, 'src');
      if (!fs.existsSync(src)) continue;
      for (const f of walk(src))
        for (const s of specifiers(f)) {
          const target = packageOf(s) ?? owner(resolveRelative(f, s) ?? '');
          if (target && target !== name && !p.imports.includes(target))
            wrong.push(`${path.relative(ROOT, f)} -> ${s} (${target})`);
        }
    }
    expect(wrong).toEqual([]);
  });

  test('the allowed package imports have no cycle', () => {
    const g = new Map(pkgs.map(([n, p]) => [n, p.imports]));
    expect(cycles(g)).toEqual([]);
  });
});

describe('ARCHITECTURE.md', () => {
  const text = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  /**
   * Names in backticks that are paths of this repo: relative to the root, or to the folder of the
   * section (`## packages/compiler` names `parse/` for packages/compiler/src/parse). Paths inside
   * generated output (a compiled crate, a generated package) are written with a placeholder
   * (`DIR/`, `<project>`) or named here, since they exist only after a build.
   */
  // Files of what Ingot writes (a compile dir, a generated package), which the map names but the repository does not hold.
  const GENERATED = new Set([
    'src/lib.rs',
    'src/abi.rs',
    'resources/',
    'crate/',
    'lib/',
    'include/',
    'index.d.ts',
    'index.js',
    'openai.js',
    'pyproject.toml',
    'native/',
    'native/vendor/',
    'native/Cargo.lock',
    'build-android.sh',
    'build-xcframework.sh',
  ]);
  const PATHLIKE = /^[\w.@-]+(\/[\w.@-]+)*\/?$/;
  const EXT = /\.(ts|js|mjs|cjs|rs|py|json|jsonl|md|sh|toml|kt|swift|tmpl)$/;

  function sectionRoots(heading: string): string[] {
    const m = /^([\w./-]+?)\/?$/.exec(heading.trim());
    if (!m || !fs.existsSync(path.join(ROOT, m[1]!))) return [];
    const base = m[1]!;
    return [base, `${base}/src`];
  }

  function exists(p: string, roots: string[]): boolean {
    const clean = p.replace(/\/$/, '');
    if (fs.existsSync(path.join(ROOT, clean))) return true;
    // Relative to the section's folder, or anywhere below it (a file named inside its folder's bullet).
    for (const r of roots) {
      if (fs.existsSync(path.join(ROOT, r, clean))) return true;
      const all = walkAll(path.join(ROOT, r));
      if (all.some((f) => f.endsWith(`/${clean}`))) return true;
    }
    return false;
  }

  const cache = new Map<string, string[]>();
  function walkAll(dir: string): string[] {
    if (cache.has(dir)) return cache.get(dir)!;
    const out: string[] = [];
    const rec = (d: string): void => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (['node_modules', 'dist', 'target', '.git'].includes(e.name)) continue;
        const p = path.join(d, e.name);
        out.push(p);
        if (e.isDirectory()) rec(p);
      }
    };
    rec(dir);
    cache.set(dir, out);
    return out;
  }

  test('every path it names exists', () => {
    const missing: string[] = [];
    let roots: string[] = [];
    for (const line of text.split('\n')) {
      const h = /^## (.+)$/.exec(line);
      if (h) roots = sectionRoots(h[1]!);
      for (const m of line.matchAll(/`([^`]+)`/g)) {
        const p = m[1]!;
        if (!PATHLIKE.test(p) || GENERATED.has(p)) continue;
        if (!p.includes('/') && !EXT.test(p)) continue;
        // Outside the repo (the shared docs), package names, and placeholders (`DIR/node`) are not paths here.
        if (p.startsWith('../') || p.startsWith('@') || /(^|\/)[A-Z]+(\/|$)/.test(p)) continue;
        // A bare file name is looked up anywhere in the repo; a path from the root or the section's folder.
        if (!exists(p, p.includes('/') ? roots : ['.'])) missing.push(p);
      }
    }
    expect(missing).toEqual([]);
  });
});
