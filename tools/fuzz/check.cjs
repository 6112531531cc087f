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
    if (/^E01/.test(d.code) && d.code !== 'E0106' && !d.span) out.push({ kind: 'parse-error-without-span', code: d.code, message: d.message });
    if (d.span) {
      const s = d.span;
      const bad =
        !Number.isInteger(s.line) || !Number.isInteger(s.col) || !Number.isInteger(s.endLine) || !Number.isInteger(s.endCol) ||
        s.line < 1 || s.col < 1 || s.endLine < s.line || (s.endLine === s.line && s.endCol < s.col) ||
        s.line > lines.length + 1 || s.endLine > lines.length + 1 || typeof s.file !== 'string';
      if (bad) out.push({ kind: 'bad-span', code: d.code, message: d.message, span: s });
      else if (s.file !== file) out.push({ kind: 'span-in-other-file', code: d.code, message: d.message, span: s });
    }
    const text = `${d.message}\n${d.help ?? ''}`;
    const hole = /\{[a-z]\w*\}/.exec(text);
    if (hole) out.push({ kind: 'unfilled-placeholder', code: d.code, message: d.message, placeholder: hole[0] });
    if (/\bundefined\b|\[object Object\]|\bNaN\b/.test(text)) out.push({ kind: 'suspicious-text', code: d.code, message: d.message });
  }
  return out;
}

function errInfo(err) {
  return { message: String(err && err.message !== undefined ? err.message : err), stack: String((err && err.stack) || err) };
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
  if (codes.length === 0 && !r.typed) findings.push({ kind: 'no-result-no-error', code: '-', message: 'frontend returned no typed module and no error' });
  return { entry, status: codes.length ? 'rejected' : 'ok', codes, findings };
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
    return { file, entries: [{ entry: '<enumerate>', status: 'crash', stage: 'enumerate', ...errInfo(err), codes: [], findings: [] }] };
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

module.exports = { checkFile, checkEntry, topLevelFunctions, shapeFindings, REPO };
