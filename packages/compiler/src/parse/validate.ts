/**
 * The validation pass: rejects programs that tree-sitter parses but CPython does not
 * compile, so that everything after the parse stage sees only valid Python. It checks
 * parameter order and uniqueness, `return`/`yield`/`break`/`continue`/`await` placement,
 * and assignment targets.
 */
import type { DiagnosticSink } from '../diagnostics/diagnostic';
import type * as A from './ast';

interface Scope {
  inFunction: boolean;
  inAsync: boolean;
  inLoop: boolean;
}

export function validateModule(m: A.Module, sink: DiagnosticSink): void {
  const v = new Validator(sink);
  v.block(m.body, { inFunction: false, inAsync: false, inLoop: false });
}

class Validator {
  constructor(private readonly sink: DiagnosticSink) {}

  block(body: A.Stmt[], s: Scope): void {
    for (const st of body) this.stmt(st, s);
  }

  params(params: A.Param[]): void {
    let sawDefault = false;
    const names = new Set<string>();
    for (const p of params) {
      if (names.has(p.name)) this.sink.report('E0105', p.span, { name: p.name });
      names.add(p.name);
      if (p.star) continue;
      if (p.default) sawDefault = true;
      else if (sawDefault && !p.keywordOnly) this.sink.report('E0102', p.span, { name: p.name });
    }
  }

  stmt(st: A.Stmt, s: Scope): void {
    switch (st.kind) {
      case 'FunctionDef':
        this.params(st.params);
        for (const p of st.params) if (p.default) this.expr(p.default, s);
        this.block(st.body, { inFunction: true, inAsync: st.isAsync, inLoop: false });
        return;
      case 'ClassDef':
        this.block(st.body, { inFunction: false, inAsync: false, inLoop: false });
        return;
      case 'Return':
        if (!s.inFunction) this.sink.report('E0103', st.span, { what: 'return', where: 'function' });
        if (st.value) this.expr(st.value, s);
        return;
      case 'Break':
      case 'Continue':
        if (!s.inLoop) this.sink.report('E0103', st.span, { what: st.kind.toLowerCase(), where: 'loop' });
        return;
      case 'For':
      case 'While':
        if (st.kind === 'For') {
          this.target(st.target);
          this.expr(st.iter, s);
        } else this.expr(st.test, s);
        this.block(st.body, { ...s, inLoop: true });
        this.block(st.orelse, s);
        return;
      case 'If':
        this.expr(st.test, s);
        this.block(st.body, s);
        this.block(st.orelse, s);
        return;
      case 'Try':
        this.block(st.body, s);
        for (const h of st.handlers) this.block(h.body, s);
        this.block(st.orelse, s);
        this.block(st.finalbody, s);
        return;
      case 'Match':
        for (const c of st.cases) this.block(c.body, s);
        return;
      case 'With':
        this.block(st.body, s);
        return;
      case 'Assign':
        for (const t of st.targets) this.target(t);
        this.expr(st.value, s);
        return;
      case 'AugAssign':
        this.target(st.target);
        this.expr(st.value, s);
        return;
      case 'AnnAssign':
        this.target(st.target);
        if (st.value) this.expr(st.value, s);
        return;
      case 'Expr':
        this.expr(st.value, s);
        return;
      default:
        return;
    }
  }

  target(t: A.Expr): void {
    switch (t.kind) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Tuple':
      case 'List':
        for (const e of t.elts) this.target(e);
        return;
      case 'Starred':
        this.target(t.value);
        return;
      // tree-sitter already rejects most invalid targets; anything left is still a syntax error.
      default:
        this.sink.report('E0101', t.span);
    }
  }

  expr(e: A.Expr, s: Scope): void {
    switch (e.kind) {
      case 'Yield':
        if (!s.inFunction) this.sink.report('E0103', e.span, { what: 'yield', where: 'function' });
        return;
      case 'Await':
        if (!s.inAsync) this.sink.report('E0103', e.span, { what: 'await', where: 'async function' });
        return;
      case 'Lambda':
        for (const p of e.params) if (p.default) this.expr(p.default, s);
        this.params(e.params);
        return;
      default:
        return;
    }
  }
}
