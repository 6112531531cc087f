/**
 * The parse stage: Python source text in, Ingot's typed syntax tree (ast.ts) out.
 * tree-sitter does the parsing; convert.ts turns its concrete tree into our AST, and
 * validate.ts then rejects what tree-sitter accepts but CPython does not. Parsing never
 * throws on bad input: it returns the best tree it can plus diagnostics.
 */
import { readFileSync } from 'node:fs';
import { Language, Parser } from 'web-tree-sitter';
import type { DiagnosticSink } from '../diagnostics/diagnostic';
import type { Module } from './ast';
import { convertModule } from './convert';
import { unquoteAnnotations } from './quoted';
import { validateModule } from './validate';

let parserPromise: Promise<Parser> | undefined;

async function createParser(): Promise<Parser> {
  await Parser.init();
  // Loading from bytes (not a path) avoids web-tree-sitter's dynamic import of `fs`,
  // which fails inside jest's module sandbox.
  const wasm = readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const language = await Language.load(new Uint8Array(wasm));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The tree-sitter parser is created once per process; loading the grammar costs ~30 ms. */
export function getParser(): Promise<Parser> {
  parserPromise ??= createParser();
  return parserPromise;
}

export interface ParseResult {
  module: Module;
  source: string;
}

export async function parseModule(file: string, source: string, sink: DiagnosticSink): Promise<ParseResult> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const module = convertModule(tree.rootNode, file, source, sink);
    validateModule(module, sink);
    unquoteAnnotations(module, parser);
    return { module, source };
  } finally {
    tree.delete();
  }
}
