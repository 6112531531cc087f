'use strict';
/**
 * Front-end fuzzing on real code: runs the compiler's front end (parse + lower + infer, no
 * cargo) on every top-level function of a Python file and classifies each outcome.
 *
 *   ok        frontend() returned a typed module and no errors
 *   rejected  frontend() returned error diagnostics
 *   crash     frontend() threw, or rendering its diagnostics threw
 *
 * Besides crashes it records "findings": diagnostics whose shape is wrong although nothing
 * threw (a parse error without a span, a span outside the file, an unfilled `{placeholder}`).
 * Shared by tools/fuzz/stdlib.mjs (the full run) and tests/fuzz-stdlib.test.ts (a sample).
 */
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const COMPILER_DIST = path.join(REPO, 'packages', 'compiler', 'dist');

let compiler;
let parserMod;
function load() {
  compiler ??= require(COMPILER_DIST);
  parserMod ??= require(path.join(COMPILER_DIST, 'parse', 'parser.js'));
  return compiler;
}

/** Names of the module's top-level functions (plain, async and decorated), in source order. */
async function topLevelFunctions(source) {
  load();
  const parser = await parserMod.getParser();
  const tree = parser.parse(source);
  if (!tree) return [];
  try {
    const names = [];
    for (const child of tree.rootNode.namedChildren) {
      let def = child;
      if (def && def.type === 'decorated_definition') def = def.childForFieldName('definition');
      if (def && def.type === 'function_definition') {
        const name = def.childForFieldName('name');
        if (name) names.push(name.text);
      }
    }
    return names;
  } finally {
    tree.delete();
  }
}

/** The diagnostics' shape problems (not crashes): a parse error with no span, a span out of range, an unfilled placeholder. */
function shapeFindings(diagnostics, source, file) {
  const out = [];
  const lines = source.split(/\r?\n/);
  for (const d of diagnostics) {
    if (/^E01/.test(d.code) && d.code !== 'E0106' && !d.span)
      out.push({ kind: 'parse-error-without-span', code: d.code, message: d.message });
    if (d.span) {
      const s = d.span;
      const bad =
        !Number.isInteger(s.line) ||
        !Number.isInteger(s.col) ||
        !Number.isInteger(s.endLine) ||
        !Number.isInteger(s.endCol) ||
        s.line < 1 ||
        s.col < 1 ||
        s.endLine < s.line ||
        (s.endLine === s.line && s.endCol < s.col) ||
        s.line > lines.length + 1 ||
        s.endLine > lines.length + 1 ||
        typeof s.file !== 'string';
      if (bad) out.push({ kind: 'bad-span', code: d.code, message: d.message, span: s });
      else if (s.file !== file) out.push({ kind: 'span-in-other-file', code: d.code, message: d.message, span: s });
    }
    const text = `${d.message}\n${d.help ?? ''}`;
    const hole = /\{[a-z]\w*\}/.exec(text);
    if (hole) out.push({ kind: 'unfilled-placeholder', code: d.code, message: d.message, placeholder: hole[0] });
    if (/\bundefined\b|\[object Object\]|\bNaN\b/.test(text))
      out.push({ kind: 'suspicious-text', code: d.code, message: d.message });
  }
  return out;
}

function errInfo(err) {
  return {
    message: String(err && err.message !== undefined ? err.message : err),
    stack: String((err && err.stack) || err),
  };
}

/** Runs one entry through frontend() and the renderers. */
async function checkEntry(file, entry) {
  const c = load();
  let r;
  try {
    r = await c.frontend({ file, entry });
  } catch (err) {
    return { entry, status: 'crash', stage: 'frontend', ...errInfo(err), codes: [], findings: [] };
  }
  const codes = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
  try {
    c.renderDiagnostics(r.diagnostics, r.sources);
    c.diagnosticsToJson(r.diagnostics);
  } catch (err) {
    return { entry, status: 'crash', stage: 'render', ...errInfo(err), codes, findings: [] };
  }
  const displayed = [...r.sources.keys()][0] ?? file;
  const source = r.sources.get(displayed) ?? '';
  const findings = shapeFindings(r.diagnostics, source, displayed);
  if (codes.length === 0 && !r.typed)
    findings.push({ kind: 'no-result-no-error', code: '-', message: 'frontend returned no typed module and no error' });
  const firstErr = r.diagnostics.find((d) => d.severity === 'error');
  const first = firstErr
    ? { code: firstErr.code, message: firstErr.message, line: firstErr.span?.line, col: firstErr.span?.col }
    : undefined;
  const syn = r.diagnostics.find((d) => d.code === 'E0101');
  const firstSyntax = syn
    ? {
        line: syn.span?.line,
        col: syn.span?.col,
        text: syn.span ? (source.split(/\r?\n/)[syn.span.line - 1] ?? '').trim().slice(0, 100) : '',
      }
    : undefined;
  return { entry, status: codes.length ? 'rejected' : 'ok', codes, findings, first, firstSyntax };
}

/**
 * Checks one file: every top-level function as an entry, plus one whole-module pass
 * (entry undefined) so that a file with no functions still goes through the parser.
 */
async function checkFile(file) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { file, unreadable: String(err.message), entries: [] };
  }
  let names;
  try {
    names = await topLevelFunctions(source);
  } catch (err) {
    return {
      file,
      entries: [
        { entry: '<enumerate>', status: 'crash', stage: 'enumerate', ...errInfo(err), codes: [], findings: [] },
      ],
    };
  }
  const entries = [];
  const seen = new Set();
  for (const n of names) {
    if (seen.has(n)) continue; // a redefinition: frontend() sees the last one either way
    seen.add(n);
    entries.push(await checkEntry(file, n));
  }
  const whole = await checkEntry(file, undefined);
  return { file, functions: seen.size, entries, module: whole };
}

// ---- mutation mode ----------------------------------------------------------------------
// Real files are valid Python, so they rarely reach the parser's error paths. Mutants do: each
// is the file with one small, deterministic edit (a truncation, a deleted, swapped or
// re-indented line, an inserted token), run through the whole-module pass and the first
// function. Deterministic: the edits come from a PRNG seeded by the file's path.

function prng(seedText) {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < seedText.length; i++) h = Math.imul(h ^ seedText.charCodeAt(i), 16777619) >>> 0;
  return () => {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '=',
  '==',
  '**',
  '*',
  '@',
  '->',
  '\\',
  '\\\n',
  '"',
  "'",
  "'''",
  'f"{',
  'f"{x!r:>{w}}"',
  'rb"\\',
  '"\\N{',
  '"\\U0011ffff"',
  '0777',
  '1_000_',
  '0x',
  '1e',
  '1j',
  'def',
  'def f(',
  'lambda',
  'lambda:',
  'async',
  'await',
  'yield',
  'yield from',
  'return',
  'global x',
  'nonlocal x',
  'del',
  'class C:',
  'import',
  'from . import',
  'match x:',
  'case _:',
  'print "x"',
  'exec "x"',
  'x := 1',
  '...',
  'not',
  'is not',
  'if',
  'else',
  'for',
  'in',
  'with',
  'as',
  'try:',
  'except*',
  'finally:',
  '\t',
  '\n',
  '\n    ',
  '\r',
  '\x00',
  '\u00e9',
  '\u{1F600}',
  '\ufeff',
  ';',
  '#',
  '$',
  '?',
  '`',
];

function mutate(source, rnd) {
  const pick = (n) => Math.floor(rnd() * n);
  const lines = source.split('\n');
  switch (pick(6)) {
    case 0: {
      const at = pick(source.length + 1);
      return { how: `truncate at ${at}`, text: source.slice(0, at) };
    }
    case 1: {
      const i = pick(lines.length);
      lines.splice(i, 1);
      return { how: `delete line ${i + 1}`, text: lines.join('\n') };
    }
    case 2: {
      const i = pick(lines.length);
      const j = pick(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return { how: `swap lines ${i + 1} and ${j + 1}`, text: lines.join('\n') };
    }
    case 3: {
      const i = pick(lines.length);
      const ws = [' ', '    ', '\t', ''][pick(4)];
      lines[i] = ws + (pick(2) ? lines[i] : lines[i].trimStart());
      return { how: `reindent line ${i + 1}`, text: lines.join('\n') };
    }
    case 4: {
      const i = pick(lines.length);
      lines.splice(i, 0, lines[pick(lines.length)]);
      return { how: `duplicate a line at ${i + 1}`, text: lines.join('\n') };
    }
    default: {
      const at = pick(source.length + 1);
      const tok = TOKENS[pick(TOKENS.length)];
      return { how: `insert ${JSON.stringify(tok)} at ${at}`, text: source.slice(0, at) + tok + source.slice(at) };
    }
  }
}

/** Runs `count` mutants of a file; a crashing mutant is saved under crashDir for reproduction. */
async function checkMutants(file, count, tmpDir, crashDir) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rnd = prng(file);
  const out = [];
  const dir = fs.mkdtempSync(path.join(tmpDir, 'mut-'));
  const target = path.join(dir, path.basename(file));
  try {
    for (let i = 0; i < count; i++) {
      const m = mutate(source, rnd);
      fs.writeFileSync(target, m.text);
      const names = await topLevelFunctions(m.text).catch(() => []);
      const runs = [await checkEntry(target, undefined)];
      if (names.length) runs.push(await checkEntry(target, names[Math.floor(rnd() * names.length)]));
      for (const r of runs) {
        const res = { mutation: m.how, ...r };
        if (r.status === 'crash' && crashDir) {
          fs.mkdirSync(crashDir, { recursive: true });
          const saved = path.join(crashDir, `${path.basename(file, '.py')}-${i}.py`);
          fs.writeFileSync(saved, m.text);
          res.saved = saved;
        }
        out.push(res);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

// ---- annotate mode ----------------------------------------------------------------------
// The stdlib is mostly unannotated, so most entries stop at E0203 (no annotation) before
// inference. This mode gives every unannotated parameter of every top-level function a type
// (from its default's literal kind, else `int`) and runs each function again, so that real
// function bodies reach infer.ts. Type errors are expected; crashes are what it looks for.

const DEFAULT_TYPES = {
  integer: 'int',
  float: 'float',
  string: 'str',
  concatenated_string: 'str',
  true: 'bool',
  false: 'bool',
  list: 'list[int]',
  dict: 'dict[str, int]',
  tuple: 'tuple[int, int]',
  set: 'set[int]',
};

async function annotate(source) {
  load();
  const parser = await parserMod.getParser();
  const tree = parser.parse(source);
  if (!tree) return source;
  const edits = []; // [byteIndex, text] on the UTF-8 bytes
  try {
    for (const child of tree.rootNode.namedChildren) {
      let def = child;
      if (def && def.type === 'decorated_definition') def = def.childForFieldName('definition');
      if (!def || def.type !== 'function_definition') continue;
      const params = def.childForFieldName('parameters');
      for (const p of params ? params.namedChildren : []) {
        if (!p) continue;
        if (p.type === 'identifier' && p.text !== 'self') edits.push([p.endIndex, ': int']);
        else if (p.type === 'default_parameter') {
          const name = p.childForFieldName('name');
          const value = p.childForFieldName('value');
          if (name && value) edits.push([name.endIndex, `: ${DEFAULT_TYPES[value.type] ?? 'int'}`]);
        }
      }
    }
  } finally {
    tree.delete();
  }
  // tree-sitter indexes here are UTF-16 code units for a JS string input.
  edits.sort((a, b) => b[0] - a[0]);
  let out = source;
  for (const [at, text] of edits) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

/** Every top-level function of the file with its parameters annotated; a crashing variant is saved under crashDir. */
async function checkAnnotated(file, tmpDir, crashDir) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const text = await annotate(source);
  const names = [...new Set(await topLevelFunctions(text))];
  const dir = fs.mkdtempSync(path.join(tmpDir, 'ann-'));
  const target = path.join(dir, path.basename(file));
  const out = [];
  try {
    fs.writeFileSync(target, text);
    for (const n of names) {
      const r = await checkEntry(target, n);
      const res = { mutation: 'annotated', ...r };
      if (r.status === 'crash' && crashDir) {
        fs.mkdirSync(crashDir, { recursive: true });
        const saved = path.join(crashDir, `${path.basename(file, '.py')}-annotated.py`);
        fs.writeFileSync(saved, text);
        res.saved = saved;
      }
      out.push(res);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

module.exports = {
  checkFile,
  checkEntry,
  checkMutants,
  checkAnnotated,
  annotate,
  topLevelFunctions,
  shapeFindings,
  REPO,
};
