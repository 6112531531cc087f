/**
 * Converts tree-sitter-python's concrete syntax tree into Ingot's AST (ast.ts).
 * This is the only file that knows tree-sitter node type names. Syntax errors (ERROR and
 * MISSING nodes) and constructs with no AST form become diagnostics; conversion always
 * finishes and returns a module.
 */
import type { Node as TSNode } from 'web-tree-sitter';
import type { DiagnosticSink, Span } from '../diagnostics/diagnostic';
import type * as A from './ast';

class Converter {
  private readonly lines: string[];

  constructor(
    private readonly file: string,
    source: string,
    private readonly sink: DiagnosticSink,
  ) {
    this.lines = source.split('\n');
  }

  /** tree-sitter columns are UTF-16 offsets; diagnostics count code points from 1. */
  private column(row: number, utf16: number): number {
    const line = this.lines[row] ?? '';
    return Array.from(line.slice(0, utf16)).length + 1;
  }

  span(n: TSNode): Span {
    return {
      file: this.file,
      line: n.startPosition.row + 1,
      col: this.column(n.startPosition.row, n.startPosition.column),
      endLine: n.endPosition.row + 1,
      endCol: this.column(n.endPosition.row, n.endPosition.column),
    };
  }

  private syntaxError(n: TSNode): void {
    this.sink.report('E0101', this.span(n));
  }

  private unsupportedExpr(n: TSNode, construct: string, hint: string): A.Expr {
    this.sink.report('E0202', this.span(n), { construct, hint });
    return { kind: 'None', span: this.span(n) };
  }

  // ---- Module and statements -----------------------------------------------------------

  module(root: TSNode): A.Module {
    return { file: this.file, body: this.block(root) };
  }

  /** Statements of a `block` or `module`, flattening `a; b` lines. */
  block(n: TSNode | null): A.Stmt[] {
    if (!n) return [];
    const out: A.Stmt[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (isTrivia(c)) continue;
      const s = this.stmt(c);
      if (s) out.push(s);
    }
    return out;
  }

  stmt(n: TSNode): A.Stmt | undefined {
    const span = this.span(n);
    switch (n.type) {
      case 'expression_statement': {
        const inner = n.namedChildren.filter((c): c is TSNode => c !== null && !isTrivia(c));
        if (inner.length === 1) {
          const c = inner[0]!;
          if (c.type === 'assignment') return this.assignment(c);
          if (c.type === 'augmented_assignment') {
            const op = c.childForFieldName('operator')?.text.slice(0, -1) as A.BinOperator;
            return {
              kind: 'AugAssign',
              span,
              target: this.expr(c.childForFieldName('left')),
              op,
              value: this.expr(c.childForFieldName('right')),
            };
          }
          return { kind: 'Expr', span, value: this.expr(c) };
        }
        // `a, b` as a statement is a tuple expression.
        return { kind: 'Expr', span, value: { kind: 'Tuple', span, elts: inner.map((c) => this.expr(c)) } };
      }
      case 'return_statement': {
        const v = n.namedChildren.find((c) => c && !isTrivia(c));
        return { kind: 'Return', span, value: v ? this.expr(v) : undefined };
      }
      case 'pass_statement':
        return { kind: 'Pass', span };
      case 'break_statement':
        return { kind: 'Break', span };
      case 'continue_statement':
        return { kind: 'Continue', span };
      case 'if_statement':
        return this.ifStatement(n);
      case 'for_statement':
        return {
          kind: 'For',
          span,
          target: this.expr(n.childForFieldName('left')),
          iter: this.expr(n.childForFieldName('right')),
          body: this.block(n.childForFieldName('body')),
          orelse: this.elseBlock(n.childForFieldName('alternative')),
          isAsync: n.children.some((c) => c?.type === 'async'),
        };
      case 'while_statement':
        return {
          kind: 'While',
          span,
          test: this.expr(n.childForFieldName('condition')),
          body: this.block(n.childForFieldName('body')),
          orelse: this.elseBlock(n.childForFieldName('alternative')),
        };
      case 'raise_statement': {
        const parts = n.namedChildren.filter((c): c is TSNode => c !== null && !isTrivia(c));
        const cause = n.childForFieldName('cause');
        const exc = parts.find((c) => !cause || c.id !== cause.id);
        return {
          kind: 'Raise',
          span,
          exc: exc ? this.expr(exc) : undefined,
          cause: cause ? this.expr(cause) : undefined,
        };
      }
      case 'assert_statement': {
        const parts = n.namedChildren.filter((c): c is TSNode => c !== null && !isTrivia(c));
        return {
          kind: 'Assert',
          span,
          test: this.expr(parts[0] ?? null),
          msg: parts[1] ? this.expr(parts[1]) : undefined,
        };
      }
      case 'try_statement':
        return this.tryStatement(n);
      case 'match_statement':
        return this.matchStatement(n);
      case 'import_statement':
        return { kind: 'Import', span, names: this.aliases(n.childrenForFieldName('name')) };
      case 'import_from_statement': {
        const mod = n.childForFieldName('module_name');
        const text = mod?.text ?? '';
        const level = text.length - text.replace(/^\.+/, '').length;
        const names = n.childrenForFieldName('name');
        const wildcard = n.namedChildren.find((c) => c?.type === 'wildcard_import');
        if (wildcard) {
          this.sink.report('E0202', span, {
            construct: '`from ... import *`',
            hint: 'import the names you use explicitly',
          });
        }
        return { kind: 'ImportFrom', span, module: text.replace(/^\.+/, ''), level, names: this.aliases(names) };
      }
      case 'future_import_statement':
        return { kind: 'Pass', span };
      case 'function_definition':
        return this.functionDef(n, []);
      case 'class_definition':
        return this.classDef(n, []);
      case 'decorated_definition': {
        const decorators = n.namedChildren
          .filter((c): c is TSNode => c !== null && c.type === 'decorator')
          .map((d) => this.expr(d.namedChildren.find((c) => c && !isTrivia(c)) ?? null));
        const def = n.childForFieldName('definition');
        if (def?.type === 'function_definition') return this.functionDef(def, decorators, n);
        if (def?.type === 'class_definition') return this.classDef(def, decorators, n);
        this.syntaxError(n);
        return undefined;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        return {
          kind: 'Global',
          span,
          names: n.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text),
          nonlocal: n.type === 'nonlocal_statement',
        };
      case 'delete_statement': {
        const t = n.namedChildren.find((c) => c && !isTrivia(c));
        const targets =
          t?.type === 'expression_list' ? t.namedChildren.map((c) => this.expr(c)) : [this.expr(t ?? null)];
        return { kind: 'Delete', span, targets };
      }
      case 'with_statement': {
        const clause = n.namedChildren.find((c) => c?.type === 'with_clause');
        const items = (clause?.namedChildren ?? [])
          .filter((c): c is TSNode => c?.type === 'with_item')
          .map((item) => {
            const v = item.childForFieldName('value');
            if (v?.type === 'as_pattern') {
              const target = v.namedChildren.find((c) => c?.type === 'as_pattern_target')?.namedChildren[0] ?? null;
              return { context: this.expr(v.namedChildren[0] ?? null), target: target ? this.expr(target) : undefined };
            }
            // `with a if c else b as t:` parses as `a if c else (b as t)`; the target belongs to the whole item.
            const parts = v?.type === 'conditional_expression' ? v.namedChildren.filter((c) => c && !isTrivia(c)) : [];
            const last = parts[2];
            if (v && last?.type === 'as_pattern') {
              const target = last.namedChildren.find((c) => c?.type === 'as_pattern_target')?.namedChildren[0] ?? null;
              const context: A.Expr = {
                kind: 'IfExp',
                span: this.span(v),
                body: this.expr(parts[0] ?? null),
                test: this.expr(parts[1] ?? null),
                orelse: this.expr(last.namedChildren[0] ?? null),
              };
              return { context, target: target ? this.expr(target) : undefined };
            }
            return { context: this.expr(v), target: undefined };
          });
        return {
          kind: 'With',
          span,
          items,
          body: this.block(n.childForFieldName('body')),
          isAsync: n.children.some((c) => c?.type === 'async'),
        };
      }
      case 'print_statement':
        this.syntaxError(n);
        return undefined;
      case 'exec_statement':
        return { kind: 'Unsupported', span, what: '`exec`' };
      case 'type_alias_statement': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        return {
          kind: 'Assign',
          span,
          targets: [this.expr(left?.namedChildren[0] ?? left)],
          value: this.expr(right?.namedChildren[0] ?? right),
        };
      }
      case 'ERROR':
        return undefined; // reported once by reportSyntaxErrors
      default:
        this.syntaxError(n);
        return undefined;
    }
  }

  private assignment(n: TSNode): A.Stmt {
    const span = this.span(n);
    const targets: A.Expr[] = [];
    let cur: TSNode | null = n;
    // `a = b = c` nests as assignment(left=a, right=assignment(left=b, right=c)).
    while (cur && cur.type === 'assignment') {
      const left = cur.childForFieldName('left');
      const type = cur.childForFieldName('type');
      const right = cur.childForFieldName('right');
      if (type) {
        return {
          kind: 'AnnAssign',
          span,
          target: this.expr(left),
          annotation: this.typeExpr(type),
          value: right ? this.expr(right) : undefined,
        };
      }
      targets.push(this.expr(left));
      cur = right;
    }
    return { kind: 'Assign', span, targets, value: this.expr(cur) };
  }

  private ifStatement(n: TSNode): A.IfStmt {
    const alternatives = n.childrenForFieldName('alternative').filter((c): c is TSNode => c !== null);
    let orelse: A.Stmt[] = [];
    // Build the elif chain from the end, so `elif` becomes a nested If in `orelse`.
    for (let i = alternatives.length - 1; i >= 0; i--) {
      const alt = alternatives[i]!;
      if (alt.type === 'else_clause') {
        orelse = this.block(alt.childForFieldName('body'));
      } else {
        orelse = [
          {
            kind: 'If',
            span: this.span(alt),
            test: this.expr(alt.childForFieldName('condition')),
            body: this.block(alt.childForFieldName('consequence')),
            orelse,
          },
        ];
      }
    }
    return {
      kind: 'If',
      span: this.span(n),
      test: this.expr(n.childForFieldName('condition')),
      body: this.block(n.childForFieldName('consequence')),
      orelse,
    };
  }

  private elseBlock(n: TSNode | null): A.Stmt[] {
    return n ? this.block(n.childForFieldName('body')) : [];
  }

  private tryStatement(n: TSNode): A.TryStmt {
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'except_clause' || c.type === 'except_group_clause') {
        if (c.type === 'except_group_clause')
          this.sink.report('E0202', this.span(c), { construct: '`except*`', hint: 'use a plain `except` clause' });
        const body = this.block(c.namedChildren.find((x) => x?.type === 'block') ?? null);
        const head = c.namedChildren.find((x) => x && x.type !== 'block' && !isTrivia(x)) ?? null;
        let type: A.Expr | undefined;
        let name: string | undefined;
        if (head?.type === 'as_pattern') {
          type = this.expr(head.namedChildren[0] ?? null);
          name = head.namedChildren.find((x) => x?.type === 'as_pattern_target')?.text;
        } else if (head) {
          type = this.expr(head);
          // tree-sitter-python also accepts the old `except E, e:` form via an extra child.
          const alias = c.childForFieldName('alias');
          if (alias) name = alias.text;
        }
        handlers.push({ span: this.span(c), type, name, body });
      } else if (c.type === 'else_clause') {
        orelse = this.block(c.childForFieldName('body'));
      } else if (c.type === 'finally_clause') {
        finalbody = this.block(c.namedChildren.find((x) => x?.type === 'block') ?? null);
      }
    }
    return {
      kind: 'Try',
      span: this.span(n),
      body: this.block(n.childForFieldName('body')),
      handlers,
      orelse,
      finalbody,
    };
  }

  private matchStatement(n: TSNode): A.MatchStmt {
    const body = n.childForFieldName('body');
    const cases: A.MatchCase[] = [];
    for (const c of body?.namedChildren ?? []) {
      if (!c || c.type !== 'case_clause') continue;
      const patterns = c.namedChildren.filter((x): x is TSNode => x?.type === 'case_pattern');
      const guard = c.childForFieldName('guard');
      // `case a, *rest:` is an open sequence pattern: several patterns in the clause.
      const pattern: A.Pattern =
        patterns.length === 1
          ? this.pattern(patterns[0]!)
          : { kind: 'Sequence', span: this.span(c), items: patterns.map((x) => this.pattern(x)) };
      cases.push({
        span: this.span(c),
        pattern,
        guard: guard ? this.expr(guard.namedChildren[0] ?? null) : undefined,
        body: this.block(c.childForFieldName('consequence')),
      });
    }
    return { kind: 'Match', span: this.span(n), subject: this.expr(n.childForFieldName('subject')), cases };
  }

  /** The `case_pattern` children of a list, tuple or class pattern. */
  private subPatterns(n: TSNode): TSNode[] {
    return n.namedChildren.filter((x): x is TSNode => x?.type === 'case_pattern');
  }

  private pattern(n: TSNode): A.Pattern {
    const span = this.span(n);
    if (n.type === 'case_pattern') {
      const inner = n.namedChildren.find((x) => x && !isTrivia(x));
      if (!inner) return { kind: 'Wildcard', span };
      return this.pattern(inner);
    }
    switch (n.type) {
      case 'union_pattern':
        return {
          kind: 'Or',
          span,
          patterns: n.namedChildren.filter((x): x is TSNode => x !== null).map((x) => this.pattern(x)),
        };
      case 'dotted_name':
        if (n.namedChildren.length === 1) {
          const name = n.text;
          return name === '_' ? { kind: 'Wildcard', span } : { kind: 'Capture', name, span };
        }
        return { kind: 'Value', span, value: this.dotted(n) };
      case 'integer':
      case 'float':
      case 'string':
      case 'concatenated_string':
      case 'true':
      case 'false':
      case 'none':
        return { kind: 'Value', span, value: this.expr(n) };
      case 'unary_operator':
      case 'binary_operator':
        return { kind: 'Value', span, value: this.expr(n) };
      case 'list_pattern':
      case 'tuple_pattern': {
        const subs = this.subPatterns(n);
        // `("a" | "b")` groups one pattern; only `(p,)` with its comma is a one-item sequence.
        if (n.type === 'tuple_pattern' && subs.length === 1 && !n.children.some((c) => c?.type === ','))
          return this.pattern(subs[0]!);
        return { kind: 'Sequence', span, items: subs.map((x) => this.pattern(x)) };
      }
      case 'splat_pattern': {
        const name = n.namedChildren.find((x) => x?.type === 'identifier')?.text;
        return { kind: 'Star', span, name: name === '_' ? undefined : name };
      }
      case 'as_pattern': {
        const inner = n.namedChildren.find((x) => x?.type === 'case_pattern');
        const name = n.namedChildren.filter((x) => x?.type === 'identifier').at(-1)?.text;
        if (!inner || !name) return { kind: 'Unsupported', span };
        return { kind: 'As', span, pattern: this.pattern(inner), name };
      }
      case 'dict_pattern': {
        const keys: A.Expr[] = [];
        const values: A.Pattern[] = [];
        let rest: string | undefined;
        for (const c of n.namedChildren) {
          if (!c || isTrivia(c)) continue;
          if (c.type === 'splat_pattern') rest = c.namedChildren.find((x) => x?.type === 'identifier')?.text;
          else if (c.type === 'case_pattern') values.push(this.pattern(c));
          else keys.push(this.expr(c));
        }
        if (keys.length !== values.length) return { kind: 'Unsupported', span };
        return { kind: 'Mapping', span, keys, values, rest: rest === '_' ? undefined : rest };
      }
      case 'class_pattern': {
        const clsNode = n.namedChildren.find((x) => x?.type === 'dotted_name');
        if (!clsNode) return { kind: 'Unsupported', span };
        const args: A.Pattern[] = [];
        const kwargs: { name: string; pattern: A.Pattern }[] = [];
        for (const c of this.subPatterns(n)) {
          const kw = c.namedChildren.find((x) => x?.type === 'keyword_pattern');
          if (kw) {
            const [key, value] = kw.namedChildren.filter((x): x is TSNode => x !== null && !isTrivia(x));
            if (!key || !value) return { kind: 'Unsupported', span };
            kwargs.push({ name: key.text, pattern: this.pattern(value) });
          } else args.push(this.pattern(c));
        }
        return { kind: 'Class', span, cls: this.dotted(clsNode), args, kwargs };
      }
      default:
        return { kind: 'Unsupported', span };
    }
  }

  /**
   * `a ^ b & c`: tree-sitter-python 0.25 gives `^` a higher precedence than `&` (its grammar has
   * xor: 16, bitwise_and: 15), but Python binds `&` tighter. The unparenthesised chain of `&` and
   * `^` is flattened and rebuilt with Python's precedence, both left-associative.
   */
  private bitwiseChain(n: TSNode): A.Expr {
    const operands: TSNode[] = [];
    const ops: string[] = [];
    const flatten = (x: TSNode): void => {
      const op = x.type === 'binary_operator' ? x.childForFieldName('operator')!.text : undefined;
      if (op === '&' || op === '^') {
        flatten(x.childForFieldName('left')!);
        ops.push(op);
        flatten(x.childForFieldName('right')!);
      } else {
        operands.push(x);
      }
    };
    flatten(n);
    const exprs = operands.map((o) => this.expr(o));
    const join = (l: A.Expr, op: string, r: A.Expr): A.Expr => ({
      kind: 'BinOp',
      op: op as A.BinOperator,
      left: l,
      right: r,
      span: { ...l.span, endLine: r.span.endLine, endCol: r.span.endCol },
    });
    let xorAcc: A.Expr | undefined;
    let andAcc = exprs[0]!;
    for (let i = 0; i < ops.length; i++) {
      if (ops[i] === '&') andAcc = join(andAcc, '&', exprs[i + 1]!);
      else {
        xorAcc = xorAcc ? join(xorAcc, '^', andAcc) : andAcc;
        andAcc = exprs[i + 1]!;
      }
    }
    return xorAcc ? join(xorAcc, '^', andAcc) : andAcc;
  }

  private aliases(nodes: (TSNode | null)[]): A.Alias[] {
    return nodes
      .filter((c): c is TSNode => c !== null)
      .map((c) => {
        if (c.type === 'aliased_import') {
          return {
            name: c.childForFieldName('name')?.text ?? '',
            asname: c.childForFieldName('alias')?.text,
            span: this.span(c),
          };
        }
        return { name: c.text, asname: undefined, span: this.span(c) };
      });
  }

  private functionDef(n: TSNode, decorators: A.Expr[], outer?: TSNode): A.FunctionDef {
    const nameNode = n.childForFieldName('name');
    const params = this.parameters(n.childForFieldName('parameters'));
    const returns = n.childForFieldName('return_type');
    const defKeyword = n.children.find((c) => c?.type === 'def') ?? n;
    const nameSpan = {
      ...this.span(defKeyword),
      endLine: nameNode ? this.span(nameNode).endLine : this.span(n).line,
      endCol: nameNode ? this.span(nameNode).endCol : this.span(n).col + 3,
    };
    return {
      kind: 'FunctionDef',
      span: this.span(outer ?? n),
      name: nameNode?.text ?? '',
      params,
      returns: returns ? this.typeExpr(returns) : undefined,
      body: this.block(n.childForFieldName('body')),
      decorators,
      isAsync: n.children.some((c) => c?.type === 'async'),
      nameSpan,
    };
  }

  private classDef(n: TSNode, decorators: A.Expr[], outer?: TSNode): A.ClassDef {
    const nameNode = n.childForFieldName('name');
    const supers = n.childForFieldName('superclasses');
    const args = supers ? this.arguments(supers) : { args: [], keywords: [] };
    const classKeyword = n.children.find((c) => c?.type === 'class') ?? n;
    return {
      kind: 'ClassDef',
      span: this.span(outer ?? n),
      name: nameNode?.text ?? '',
      bases: args.args,
      keywords: args.keywords,
      body: this.block(n.childForFieldName('body')),
      decorators,
      nameSpan: {
        ...this.span(classKeyword),
        endLine: nameNode ? this.span(nameNode).endLine : 0,
        endCol: nameNode ? this.span(nameNode).endCol : 0,
      },
    };
  }

  parameters(n: TSNode | null): A.Param[] {
    const out: A.Param[] = [];
    let keywordOnly = false;
    for (const p of n?.namedChildren ?? []) {
      if (!p || isTrivia(p)) continue;
      const span = this.span(p);
      const base = { span, annotation: undefined, default: undefined, star: undefined, keywordOnly } as const;
      switch (p.type) {
        case 'identifier':
          out.push({ ...base, name: p.text });
          break;
        case 'typed_parameter': {
          const inner = p.namedChildren[0];
          const type = p.childForFieldName('type');
          if (inner?.type === 'list_splat_pattern' || inner?.type === 'dictionary_splat_pattern') {
            out.push({
              ...base,
              name: inner.namedChildren[0]?.text ?? '',
              annotation: type ? this.typeExpr(type) : undefined,
              star: inner.type === 'list_splat_pattern' ? 'vararg' : 'kwarg',
            });
            if (inner.type === 'list_splat_pattern') keywordOnly = true;
          } else {
            out.push({ ...base, name: inner?.text ?? '', annotation: type ? this.typeExpr(type) : undefined });
          }
          break;
        }
        case 'default_parameter':
          out.push({
            ...base,
            name: p.childForFieldName('name')?.text ?? '',
            default: this.expr(p.childForFieldName('value')),
          });
          break;
        case 'typed_default_parameter': {
          const type = p.childForFieldName('type');
          out.push({
            ...base,
            name: p.childForFieldName('name')?.text ?? '',
            annotation: type ? this.typeExpr(type) : undefined,
            default: this.expr(p.childForFieldName('value')),
          });
          break;
        }
        case 'list_splat_pattern':
          out.push({ ...base, name: p.namedChildren[0]?.text ?? '', star: 'vararg' });
          keywordOnly = true;
          break;
        case 'dictionary_splat_pattern':
          out.push({ ...base, name: p.namedChildren[0]?.text ?? '', star: 'kwarg' });
          break;
        case 'keyword_separator':
          keywordOnly = true;
          break;
        case 'positional_separator':
          break;
        default:
          this.syntaxError(p);
      }
    }
    return out;
  }

  /** A `type` node wraps the annotation expression. */
  private typeExpr(n: TSNode): A.Expr {
    if (n.type === 'type') {
      const inner = n.namedChildren.find((c) => c && !isTrivia(c));
      if (!inner) return this.expr(null);
      // `list[int]` parses as generic_type inside a type node.
      return this.typeExpr(inner);
    }
    if (n.type === 'generic_type') {
      const base = n.namedChildren[0];
      const params = n.namedChildren.find((c) => c?.type === 'type_parameter');
      const args = (params?.namedChildren ?? []).filter((c): c is TSNode => c !== null).map((c) => this.typeExpr(c));
      const index: A.Expr = args.length === 1 ? args[0]! : { kind: 'Tuple', span: this.span(params ?? n), elts: args };
      return { kind: 'Subscript', span: this.span(n), value: this.expr(base ?? null), index };
    }
    if (n.type === 'union_type') {
      const parts = n.namedChildren.filter((c): c is TSNode => c !== null).map((c) => this.typeExpr(c));
      return parts.reduce((l, r) => ({ kind: 'BinOp', span: this.span(n), op: '|', left: l, right: r }));
    }
    if (n.type === 'constrained_type' || n.type === 'member_type' || n.type === 'splat_type') {
      if (n.type === 'member_type') {
        return n.namedChildren
          .map((c) => c!)
          .reduce<
            A.Expr | undefined
          >((acc, c) => (acc ? { kind: 'Attribute', span: this.span(n), value: acc, attr: c.text } : this.typeExpr(c)), undefined)!;
      }
      return this.unsupportedExpr(n, 'this annotation form', 'use a plain type such as `list[str]`');
    }
    return this.expr(n);
  }

  // ---- Expressions ---------------------------------------------------------------------

  expr(n: TSNode | null): A.Expr {
    if (!n) return { kind: 'None', span: { file: this.file, line: 1, col: 1, endLine: 1, endCol: 1 } };
    const span = this.span(n);
    switch (n.type) {
      case 'identifier':
        return { kind: 'Name', span, id: n.text };
      case 'integer':
        return this.integer(n);
      case 'float': {
        const text = n.text.replace(/_/g, '');
        if (/[jJ]$/.test(text)) return this.unsupportedExpr(n, 'complex numbers', 'Ingot supports int and float');
        return { kind: 'Float', span, value: Number(text) };
      }
      case 'true':
        return { kind: 'Bool', span, value: true };
      case 'false':
        return { kind: 'Bool', span, value: false };
      case 'none':
        return { kind: 'None', span };
      case 'ellipsis':
        return { kind: 'Ellipsis', span };
      case 'string':
        return this.string(n);
      case 'concatenated_string':
        return this.concatenated(n);
      case 'parenthesized_expression': {
        const inner = n.namedChildren.find((c) => c && !isTrivia(c));
        return this.expr(inner ?? null);
      }
      case 'binary_operator':
        if (['&', '^'].includes(n.childForFieldName('operator')!.text)) return this.bitwiseChain(n);
        return {
          kind: 'BinOp',
          span,
          op: n.childForFieldName('operator')!.text as A.BinOperator,
          left: this.expr(n.childForFieldName('left')),
          right: this.expr(n.childForFieldName('right')),
        };
      case 'unary_operator':
        return {
          kind: 'Unary',
          span,
          op: n.childForFieldName('operator')!.text as A.UnaryOperator,
          operand: this.expr(n.childForFieldName('argument')),
        };
      case 'not_operator':
        return { kind: 'Unary', span, op: 'not', operand: this.expr(n.childForFieldName('argument')) };
      case 'boolean_operator':
        return {
          kind: 'BoolOp',
          span,
          op: n.childForFieldName('operator')!.text as 'and' | 'or',
          left: this.expr(n.childForFieldName('left')),
          right: this.expr(n.childForFieldName('right')),
        };
      case 'comparison_operator': {
        const operands = n.namedChildren.filter((c): c is TSNode => c !== null && !isTrivia(c));
        const ops = n
          .childrenForFieldName('operators')
          .filter((c): c is TSNode => c !== null)
          .map((c) => c.text.replace(/\s+/g, ' ') as A.CompareOperator);
        return {
          kind: 'Compare',
          span,
          left: this.expr(operands[0] ?? null),
          ops,
          comparators: operands.slice(1).map((c) => this.expr(c)),
        };
      }
      case 'call': {
        const argsNode = n.childForFieldName('arguments');
        const func = this.expr(n.childForFieldName('function'));
        if (argsNode?.type === 'generator_expression') {
          return { kind: 'Call', span, func, args: [this.comprehension(argsNode, 'generator')], keywords: [] };
        }
        const { args, keywords } = argsNode ? this.arguments(argsNode) : { args: [], keywords: [] };
        return { kind: 'Call', span, func, args, keywords };
      }
      case 'attribute':
        return {
          kind: 'Attribute',
          span,
          value: this.expr(n.childForFieldName('object')),
          attr: n.childForFieldName('attribute')?.text ?? '',
        };
      case 'subscript': {
        const subs = n.childrenForFieldName('subscript').filter((c): c is TSNode => c !== null);
        const index: A.Expr =
          subs.length === 1 ? this.expr(subs[0]!) : { kind: 'Tuple', span, elts: subs.map((c) => this.expr(c)) };
        return { kind: 'Subscript', span, value: this.expr(n.childForFieldName('value')), index };
      }
      case 'slice': {
        // Children are expressions separated by ':' tokens; a missing part has no node.
        const parts: (A.Expr | undefined)[] = [undefined, undefined, undefined];
        let slot = 0;
        for (const c of n.children) {
          if (!c) continue;
          if (c.type === ':') {
            slot++;
            continue;
          }
          if (c.isNamed && !isTrivia(c)) parts[slot] = this.expr(c);
        }
        return { kind: 'Slice', span, lower: parts[0], upper: parts[1], step: parts[2] };
      }
      case 'list':
        return { kind: 'List', span, elts: this.elements(n) };
      case 'tuple':
      case 'expression_list':
      case 'pattern_list':
      case 'tuple_pattern':
        return { kind: 'Tuple', span, elts: this.elements(n) };
      case 'list_pattern':
        return { kind: 'List', span, elts: this.elements(n) };
      case 'set':
        return { kind: 'Set', span, elts: this.elements(n) };
      case 'dictionary': {
        const keys: (A.Expr | undefined)[] = [];
        const values: A.Expr[] = [];
        for (const c of n.namedChildren) {
          if (!c || isTrivia(c)) continue;
          if (c.type === 'pair') {
            keys.push(this.expr(c.childForFieldName('key')));
            values.push(this.expr(c.childForFieldName('value')));
          } else if (c.type === 'dictionary_splat') {
            keys.push(undefined);
            values.push(this.expr(c.namedChildren[0] ?? null));
          } else {
            this.syntaxError(c);
          }
        }
        return { kind: 'Dict', span, keys, values };
      }
      case 'list_comprehension':
        return this.comprehension(n, 'list');
      case 'set_comprehension':
        return this.comprehension(n, 'set');
      case 'dictionary_comprehension':
        return this.comprehension(n, 'dict');
      case 'generator_expression':
        return this.comprehension(n, 'generator');
      case 'conditional_expression': {
        const parts = n.namedChildren.filter((c): c is TSNode => c !== null && !isTrivia(c));
        return {
          kind: 'IfExp',
          span,
          body: this.expr(parts[0] ?? null),
          test: this.expr(parts[1] ?? null),
          orelse: this.expr(parts[2] ?? null),
        };
      }
      case 'lambda':
        return {
          kind: 'Lambda',
          span,
          params: this.parameters(n.childForFieldName('parameters')),
          body: this.expr(n.childForFieldName('body')),
        };
      case 'list_splat':
      case 'list_splat_pattern':
        return { kind: 'Starred', span, value: this.expr(n.namedChildren[0] ?? null) };
      case 'await':
        return { kind: 'Await', span, value: this.expr(n.namedChildren[0] ?? null) };
      case 'named_expression':
        return {
          kind: 'Named',
          span,
          target: {
            kind: 'Name',
            span: this.span(n.childForFieldName('name')!),
            id: n.childForFieldName('name')!.text,
          },
          value: this.expr(n.childForFieldName('value')),
        };
      case 'yield': {
        const from = n.children.some((c) => c?.type === 'from');
        const v = n.namedChildren.find((c) => c && !isTrivia(c));
        return { kind: 'Yield', span, value: v ? this.expr(v) : undefined, from };
      }
      case 'type':
        return this.typeExpr(n);
      case 'generic_type':
      case 'union_type':
        return this.typeExpr(n);
      case 'dotted_name':
        return this.dotted(n);
      case 'keyword_argument':
        this.syntaxError(n);
        return { kind: 'None', span };
      case 'ERROR':
        return { kind: 'None', span }; // reported once by reportSyntaxErrors
      default:
        return this.unsupportedExpr(
          n,
          `the expression \`${n.type.replace(/_/g, ' ')}\``,
          'rewrite it with supported constructs',
        );
    }
  }

  private dotted(n: TSNode): A.Expr {
    const parts = n.namedChildren.filter((c): c is TSNode => c !== null);
    let e: A.Expr = { kind: 'Name', span: this.span(parts[0]!), id: parts[0]!.text };
    for (const p of parts.slice(1))
      e = {
        kind: 'Attribute',
        span: { ...e.span, endLine: this.span(p).endLine, endCol: this.span(p).endCol },
        value: e,
        attr: p.text,
      };
    return e;
  }

  private elements(n: TSNode): A.Expr[] {
    return n.namedChildren.filter((c): c is TSNode => c !== null && !isTrivia(c)).map((c) => this.expr(c));
  }

  private arguments(n: TSNode): { args: A.Expr[]; keywords: A.Keyword[] } {
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    for (const c of n.namedChildren) {
      if (!c || isTrivia(c)) continue;
      if (c.type === 'keyword_argument') {
        keywords.push({
          span: this.span(c),
          name: c.childForFieldName('name')?.text,
          value: this.expr(c.childForFieldName('value')),
        });
      } else if (c.type === 'dictionary_splat') {
        keywords.push({ span: this.span(c), name: undefined, value: this.expr(c.namedChildren[0] ?? null) });
      } else {
        args.push(this.expr(c));
      }
    }
    return { args, keywords };
  }

  private comprehension(n: TSNode, comp: A.CompExpr['comp']): A.CompExpr {
    const body = n.childForFieldName('body');
    let elt: A.Expr;
    let value: A.Expr | undefined;
    if (comp === 'dict' && body?.type === 'pair') {
      elt = this.expr(body.childForFieldName('key'));
      value = this.expr(body.childForFieldName('value'));
    } else {
      elt = this.expr(body);
    }
    const generators: A.Comprehension[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'for_in_clause') {
        const right = c.childrenForFieldName('right').filter((x): x is TSNode => x !== null);
        const iter: A.Expr =
          right.length === 1
            ? this.expr(right[0]!)
            : { kind: 'Tuple', span: this.span(c), elts: right.map((x) => this.expr(x)) };
        generators.push({
          span: this.span(c),
          target: this.expr(c.childForFieldName('left')),
          iter,
          ifs: [],
          isAsync: c.children.some((x) => x?.type === 'async'),
        });
      } else if (c.type === 'if_clause') {
        const last = generators[generators.length - 1];
        if (last) last.ifs.push(this.expr(c.namedChildren[0] ?? null));
      }
    }
    return { kind: 'Comp', span: this.span(n), comp, elt, value, generators };
  }

  private integer(n: TSNode): A.Expr {
    const span = this.span(n);
    const text = n.text.replace(/_/g, '');
    if (/[jJ]$/.test(text)) return this.unsupportedExpr(n, 'complex numbers', 'Ingot supports int and float');
    if (/[lL]$/.test(text)) {
      this.syntaxError(n);
      return { kind: 'Int', span, value: 0n };
    }
    try {
      // A decimal literal with a leading zero is a SyntaxError in Python 3, except all zeros (`00`).
      if (/^0[0-9]+$/.test(text) && !/^0+$/.test(text)) {
        this.syntaxError(n);
        return { kind: 'Int', span, value: 0n };
      }
      return {
        kind: 'Int',
        span,
        value: BigInt(text.replace(/^0o/i, '0o').replace(/^0O/, '0o').replace(/^0X/, '0x').replace(/^0B/, '0b')),
      };
    } catch {
      this.syntaxError(n);
      return { kind: 'Int', span, value: 0n };
    }
  }

  private concatenated(n: TSNode): A.Expr {
    const parts = n.namedChildren
      .filter((c): c is TSNode => c !== null && c.type === 'string')
      .map((c) => this.string(c));
    if (parts.every((p) => p.kind === 'Str')) {
      return { kind: 'Str', span: this.span(n), value: parts.map((p) => (p as A.StrExpr).value).join('') };
    }
    if (parts.some((p) => p.kind === 'Bytes') && !parts.every((p) => p.kind === 'Bytes')) {
      this.syntaxError(n);
    }
    if (parts.every((p) => p.kind === 'Bytes')) {
      return { kind: 'Bytes', span: this.span(n), value: parts.map((p) => (p as A.BytesExpr).value).join('') };
    }
    const fparts: A.FStringPart[] = [];
    for (const p of parts) {
      if (p.kind === 'Str') fparts.push({ text: p.value, span: p.span });
      else if (p.kind === 'FString') fparts.push(...p.parts);
    }
    return { kind: 'FString', span: this.span(n), parts: fparts };
  }

  private string(n: TSNode): A.Expr {
    const span = this.span(n);
    const start = n.children.find((c) => c?.type === 'string_start');
    const prefix = (start?.text ?? '"').replace(/['"]+$/, '').toLowerCase();
    const raw = prefix.includes('r');
    const isBytes = prefix.includes('b');
    const isF = prefix.includes('f');
    if (prefix.includes('t')) return this.unsupportedExpr(n, 'template strings', 'use an f-string');
    const parts: A.FStringPart[] = [];
    let text = '';
    const flushText = (): void => {
      if (text) parts.push({ text, span });
      text = '';
    };
    for (const c of n.children) {
      if (!c) continue;
      if (c.type === 'string_content') {
        const t = isF ? c.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : c.text;
        text += raw
          ? t
          : decodeEscapes(
              t,
              isBytes,
              () => this.syntaxError(c),
              () => {
                this.sink.report('E0202', this.span(c), {
                  construct: 'a `\\N{...}` escape',
                  hint: 'write the character itself, or a `\\uXXXX` escape',
                });
              },
            );
      } else if (c.type === 'interpolation') {
        flushText();
        parts.push(this.interpolation(c));
      }
    }
    flushText();
    if (isBytes) return { kind: 'Bytes', span, value: parts.map((p) => p.text ?? '').join('') };
    if (!isF) return { kind: 'Str', span, value: parts.map((p) => p.text ?? '').join('') };
    return { kind: 'FString', span, parts };
  }

  private interpolation(n: TSNode): A.FStringPart {
    const exprNode = n.childForFieldName('expression');
    const conv =
      n.childForFieldName('type_conversion') ?? n.namedChildren.find((c) => c?.type === 'type_conversion') ?? null;
    const specNode =
      n.childForFieldName('format_specifier') ?? n.namedChildren.find((c) => c?.type === 'format_specifier') ?? null;
    const part: A.FStringPart = { expr: this.expr(exprNode), span: this.span(n) };
    if (conv) part.conversion = conv.text.slice(1) as 'r' | 's' | 'a';
    if (specNode) {
      const specParts: A.FStringPart[] = [];
      // The specifier's text starts with ':'; nested `{expr}` parts are format_expression nodes, and
      // the text around them (`<`, `.`, `f`) is not a node of its own: it is cut from the source by offset.
      const bytes = Buffer.from(specNode.text, 'utf8');
      const base = specNode.startIndex;
      let pos = bytes[0] === 0x3a ? 1 : 0;
      let text = '';
      for (const c of specNode.children) {
        if (!c || c.type !== 'format_expression') continue;
        text += bytes.subarray(pos, c.startIndex - base).toString('utf8');
        if (text) specParts.push({ text, span: this.span(specNode) });
        text = '';
        specParts.push({
          expr: this.expr(c.namedChildren.find((x) => x && !isTrivia(x)) ?? null),
          span: this.span(c),
        });
        pos = c.endIndex - base;
      }
      text += bytes.subarray(pos).toString('utf8');
      if (text) specParts.push({ text, span: this.span(specNode) });
      part.spec = { kind: 'FString', span: this.span(specNode), parts: specParts };
    }
    return part;
  }
}

/** Decodes Python escape sequences in a non-raw string literal's text. */
export function decodeEscapes(text: string, bytes: boolean, onError: () => void, onUnsupported?: () => void): string {
  return text.replace(
    /\\(N\{[^}]*\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\r\n|[\s\S])/g,
    (whole, esc: string) => {
      switch (esc[0]) {
        case '\n':
          return '';
        case '\r':
          return '';
        case '\\':
          return '\\';
        case "'":
          return "'";
        case '"':
          return '"';
        case 'a':
          return '\x07';
        case 'b':
          return '\b';
        case 'f':
          return '\f';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 't':
          return '\t';
        case 'v':
          return '\v';
        case 'x':
          // `\x` without two hex digits is CPython's "truncated \xXX escape".
          if (esc.length === 1) {
            onError();
            return whole;
          }
          return String.fromCodePoint(parseInt(esc.slice(1), 16));
        case 'u':
        case 'U': {
          if (bytes) return whole;
          // A truncated escape, or a code point past U+10FFFF: both SyntaxErrors in CPython.
          const cp = esc.length === 1 ? NaN : parseInt(esc.slice(1), 16);
          if (!(cp <= 0x10ffff)) {
            onError();
            return whole;
          }
          return String.fromCodePoint(cp);
        }
        case 'N':
          if (bytes) return whole;
          // Valid Python, but resolving character names needs the Unicode name table.
          (onUnsupported ?? onError)();
          return whole;
        default:
          if (/^[0-7]/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
          return whole;
      }
    },
  );
}

/** Comments and backslash line continuations: tree-sitter "extras" that may sit between any two nodes. */
function isTrivia(n: TSNode): boolean {
  return n.type === 'comment' || n.type === 'line_continuation';
}

export function convertModule(root: TSNode, file: string, source: string, sink: DiagnosticSink): A.Module {
  const c = new Converter(file, source, sink);
  if (root.hasError) {
    reportSyntaxErrors(root, c, sink);
  }
  return c.module(root);
}

/** Reports the innermost ERROR or MISSING nodes, once per line, like CPython's first error. */
function reportSyntaxErrors(root: TSNode, c: Converter, sink: DiagnosticSink): void {
  const seen = new Set<number>();
  const visit = (n: TSNode): void => {
    if (n.isMissing || n.type === 'ERROR') {
      const s = c.span(n);
      if (!seen.has(s.line)) {
        seen.add(s.line);
        sink.report('E0101', s);
      }
      return;
    }
    if (!n.hasError) return;
    for (const ch of n.children) if (ch) visit(ch);
  };
  visit(root);
}
