// Swift syntax checking without a Swift toolchain, for the Swift generator's tests: tree-sitter-swift through the native
// tree-sitter binding, installed into test/parser/node_modules by scripts/setup-parser.sh (run here when it is missing).
// Input: Swift source text. Output: the ERROR and MISSING nodes of its syntax tree, as "ERROR at line:column" strings.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const PARSER_DIR = path.join(__dirname, 'parser', 'node_modules');

/**
 * Parses in a child node process: tree-sitter's native binding keeps the JavaScript classes of the first module registry
 * that loaded it, so a second jest test file in the same worker got trees without nodes. The child reads the sources as
 * JSON on stdin and writes each one's problems.
 */
const CHILD = `
const Parser = require(process.argv[1] + '/tree-sitter');
const Swift = require(process.argv[1] + '/tree-sitter-swift');
const parser = new Parser();
parser.setLanguage(Swift);
function problems(node, out) {
  if (node.type === 'ERROR' || node.isMissing)
    out.push((node.isMissing ? 'MISSING' : 'ERROR') + ' at ' + (node.startPosition.row + 1) + ':' + (node.startPosition.column + 1));
  for (const c of node.children) problems(c, out);
  return out;
}
const sources = JSON.parse(require('fs').readFileSync(0, 'utf8'));
// tree-sitter's node binding reads strings over 32 KiB through a callback; uniffi's Swift file is larger.
const found = sources.map((s) => problems(parser.parse((i) => s.slice(i, i + 8192)).rootNode, []));
process.stdout.write(JSON.stringify(found));
`;

/**
 * Sets the parser up when it is not whole (scripts/setup-parser.sh, which writes `.ingot-ready` last and serialises
 * the parallel test files that call it at once).
 */
function ensureParser(): void {
  if (!existsSync(path.join(PARSER_DIR, '.ingot-ready'))) {
    const r = spawnSync('bash', [path.join(__dirname, '..', 'scripts', 'setup-parser.sh')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`setup-parser.sh failed: ${r.stderr}`);
  }
}

/** The ERROR and MISSING nodes of each source's syntax tree, as "ERROR at line:column" (1-based). */
export function swiftProblems(sources: string[]): string[][] {
  ensureParser();
  const r = spawnSync(process.execPath, ['-e', CHILD, PARSER_DIR], {
    input: JSON.stringify(sources),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`the tree-sitter-swift child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as string[][];
}

/**
 * tree-sitter-swift 0.7.1 rejects a `#if` between the members of a type or extension, which is valid Swift and which uniffi
 * writes around `@_documentation` attributes (`#if swift(>=5.8)`) and `Sendable` conformances (`#if compiler(>=6)`).
 * Before parsing, those version conditions are resolved as a Swift 6 compiler would (the package needs 5.9 or later);
 * other `#if`s stay. Dropped lines become empty lines, so positions in messages stay right.
 */
export function resolveVersionConditions(source: string): string {
  const frames: { resolving: boolean; keep: boolean }[] = [];
  return source
    .split('\n')
    .map((line) => {
      const t = line.trim();
      if (/^#if\s+(swift|compiler)\(\s*>=\s*[\d.]+\s*\)\s*$/.test(t)) {
        frames.push({ resolving: true, keep: true });
        return '';
      }
      if (t.startsWith('#if')) frames.push({ resolving: false, keep: true });
      const top = frames[frames.length - 1];
      if (t.startsWith('#else') && top?.resolving) {
        top.keep = false;
        return '';
      }
      if (t.startsWith('#endif') && top) {
        frames.pop();
        if (top.resolving) return '';
      }
      return frames.every((f) => f.keep) ? line : '';
    })
    .join('\n');
}
