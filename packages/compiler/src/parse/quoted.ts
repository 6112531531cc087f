/**
 * Quoted annotations (PEP 484 forward references, and every annotation under
 * `from __future__ import annotations`): a string where an annotation stands is parsed as the
 * expression it holds (`"list[Span]"`, `"OrderedDict[str, str]"`), so the later stages see one
 * annotation form. The parsed nodes carry the string's span, where diagnostics about it point.
 * Strings that are values inside an annotation (`Literal["a", "b"]`) stay strings.
 */
import type { Parser } from 'web-tree-sitter';
import { DiagnosticSink, type Span } from '../diagnostics/diagnostic';
import type * as A from './ast';
import { convertModule } from './convert';

/** Replaces every quoted annotation of the module (parameters, results, annotated assignments) in place. */
export function unquoteAnnotations(module: A.Module, parser: Parser): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as { kind?: string };
    if (n.kind === 'FunctionDef') {
      const f = node as A.FunctionDef;
      for (const p of f.params) if (p.annotation) p.annotation = unquote(p.annotation, parser, module.file);
      if (f.returns) f.returns = unquote(f.returns, parser, module.file);
    } else if (n.kind === 'AnnAssign') {
      const s = node as A.AnnAssignStmt;
      s.annotation = unquote(s.annotation, parser, module.file);
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') visit(v);
  };
  visit(module.body);
}

/** The annotation with its quoted parts parsed; a string that is no expression stays (the annotation reader reports it). */
function unquote(e: A.Expr, parser: Parser, file: string, depth = 0): A.Expr {
  if (depth > 8) return e;
  if (e.kind === 'Str') {
    const parsed = parseExpression(e.value, parser, file, e.span);
    return parsed ? unquote(parsed, parser, file, depth + 1) : e;
  }
  if (e.kind === 'Subscript') {
    const base = e.value.kind === 'Name' ? e.value.id : e.value.kind === 'Attribute' ? e.value.attr : '';
    if (base === 'Literal') return e;
    const index =
      e.index.kind === 'Tuple'
        ? { ...e.index, elts: e.index.elts.map((x) => unquote(x, parser, file, depth + 1)) }
        : unquote(e.index, parser, file, depth + 1);
    return { ...e, index };
  }
  if (e.kind === 'BinOp' && e.op === '|')
    return { ...e, left: unquote(e.left, parser, file, depth + 1), right: unquote(e.right, parser, file, depth + 1) };
  return e;
}

function parseExpression(text: string, parser: Parser, file: string, span: Span): A.Expr | undefined {
  const tree = parser.parse(`(${text.trim()})\n`);
  if (!tree) return undefined;
  try {
    const sink = new DiagnosticSink();
    const m = convertModule(tree.rootNode, file, text, sink);
    if (tree.rootNode.hasError || sink.hasErrors || m.body.length !== 1) return undefined;
    const stmt = m.body[0]!;
    if (stmt.kind !== 'Expr') return undefined;
    return respan(stmt.value, span) as A.Expr;
  } finally {
    tree.delete();
  }
}

/** Every node of the parsed annotation points at the string it came from. */
function respan(node: unknown, span: Span): unknown {
  if (Array.isArray(node)) return node.map((x) => respan(x, span));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'span' ? span : respan(v, span);
  return out;
}
