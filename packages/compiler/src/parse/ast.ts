/**
 * Ingot's typed Python syntax tree. It mirrors CPython's `ast` module closely, so that
 * readers who know Python's grammar know this one. The converter in this folder builds it
 * from tree-sitter's concrete tree; raw tree-sitter node types never leave the parse folder.
 * Every node carries its source span.
 */
import type { Span } from '../diagnostics/diagnostic';

export interface Node {
  span: Span;
}

// ---- Expressions -----------------------------------------------------------------------

export type Expr =
  | NameExpr
  | IntExpr
  | FloatExpr
  | StrExpr
  | BytesExpr
  | BoolExpr
  | NoneExpr
  | EllipsisExpr
  | BinOpExpr
  | UnaryExpr
  | BoolOpExpr
  | CompareExpr
  | CallExpr
  | AttributeExpr
  | SubscriptExpr
  | SliceExpr
  | ListExpr
  | TupleExpr
  | SetExpr
  | DictExpr
  | CompExpr
  | IfExpExpr
  | LambdaExpr
  | FStringExpr
  | StarredExpr
  | AwaitExpr
  | NamedExpr
  | YieldExpr;

export interface NameExpr extends Node {
  kind: 'Name';
  id: string;
}
export interface IntExpr extends Node {
  kind: 'Int';
  value: bigint;
}
export interface FloatExpr extends Node {
  kind: 'Float';
  value: number;
}
export interface StrExpr extends Node {
  kind: 'Str';
  value: string;
}
export interface BytesExpr extends Node {
  kind: 'Bytes';
  value: string;
}
export interface BoolExpr extends Node {
  kind: 'Bool';
  value: boolean;
}
export interface NoneExpr extends Node {
  kind: 'None';
}
export interface EllipsisExpr extends Node {
  kind: 'Ellipsis';
}

export type BinOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
export type UnaryOperator = '-' | '+' | 'not' | '~';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export interface BinOpExpr extends Node {
  kind: 'BinOp';
  op: BinOperator;
  left: Expr;
  right: Expr;
}
export interface UnaryExpr extends Node {
  kind: 'Unary';
  op: UnaryOperator;
  operand: Expr;
}
export interface BoolOpExpr extends Node {
  kind: 'BoolOp';
  op: 'and' | 'or';
  left: Expr;
  right: Expr;
}
export interface CompareExpr extends Node {
  kind: 'Compare';
  left: Expr;
  ops: CompareOperator[];
  comparators: Expr[];
}
export interface Keyword extends Node {
  name: string | undefined;
  value: Expr;
}
export interface CallExpr extends Node {
  kind: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}
export interface AttributeExpr extends Node {
  kind: 'Attribute';
  value: Expr;
  attr: string;
}
export interface SubscriptExpr extends Node {
  kind: 'Subscript';
  value: Expr;
  index: Expr;
}
export interface SliceExpr extends Node {
  kind: 'Slice';
  lower: Expr | undefined;
  upper: Expr | undefined;
  step: Expr | undefined;
}
export interface ListExpr extends Node {
  kind: 'List';
  elts: Expr[];
}
export interface TupleExpr extends Node {
  kind: 'Tuple';
  elts: Expr[];
}
export interface SetExpr extends Node {
  kind: 'Set';
  elts: Expr[];
}
export interface DictExpr extends Node {
  kind: 'Dict';
  keys: (Expr | undefined)[];
  values: Expr[];
}
export interface Comprehension extends Node {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  isAsync: boolean;
}
export interface CompExpr extends Node {
  kind: 'Comp';
  comp: 'list' | 'set' | 'dict' | 'generator';
  elt: Expr;
  /** The value of a dict comprehension; `elt` is then its key. */
  value: Expr | undefined;
  generators: Comprehension[];
}
export interface IfExpExpr extends Node {
  kind: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}
export interface LambdaExpr extends Node {
  kind: 'Lambda';
  params: Param[];
  body: Expr;
}
export interface FStringPart {
  text?: string;
  expr?: Expr;
  conversion?: 'r' | 's' | 'a';
  spec?: FStringExpr;
  span: Span;
}
export interface FStringExpr extends Node {
  kind: 'FString';
  parts: FStringPart[];
}
export interface StarredExpr extends Node {
  kind: 'Starred';
  value: Expr;
}
export interface AwaitExpr extends Node {
  kind: 'Await';
  value: Expr;
}
export interface NamedExpr extends Node {
  kind: 'Named';
  target: NameExpr;
  value: Expr;
}
export interface YieldExpr extends Node {
  kind: 'Yield';
  value: Expr | undefined;
  from: boolean;
}

// ---- Statements ------------------------------------------------------------------------

export type Stmt =
  | ExprStmt
  | AssignStmt
  | AugAssignStmt
  | AnnAssignStmt
  | ReturnStmt
  | IfStmt
  | ForStmt
  | WhileStmt
  | BreakStmt
  | ContinueStmt
  | PassStmt
  | RaiseStmt
  | AssertStmt
  | TryStmt
  | MatchStmt
  | ImportStmt
  | ImportFromStmt
  | FunctionDef
  | ClassDef
  | GlobalStmt
  | DeleteStmt
  | WithStmt
  | UnsupportedStmt;

export interface ExprStmt extends Node {
  kind: 'Expr';
  value: Expr;
}
export interface AssignStmt extends Node {
  kind: 'Assign';
  targets: Expr[];
  value: Expr;
}
export interface AugAssignStmt extends Node {
  kind: 'AugAssign';
  target: Expr;
  op: BinOperator;
  value: Expr;
}
export interface AnnAssignStmt extends Node {
  kind: 'AnnAssign';
  target: Expr;
  annotation: Expr;
  value: Expr | undefined;
}
export interface ReturnStmt extends Node {
  kind: 'Return';
  value: Expr | undefined;
}
export interface IfStmt extends Node {
  kind: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface ForStmt extends Node {
  kind: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
  isAsync: boolean;
}
export interface WhileStmt extends Node {
  kind: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface BreakStmt extends Node {
  kind: 'Break';
}
export interface ContinueStmt extends Node {
  kind: 'Continue';
}
export interface PassStmt extends Node {
  kind: 'Pass';
}
export interface RaiseStmt extends Node {
  kind: 'Raise';
  exc: Expr | undefined;
  cause: Expr | undefined;
}
export interface AssertStmt extends Node {
  kind: 'Assert';
  test: Expr;
  msg: Expr | undefined;
}
export interface ExceptHandler extends Node {
  type: Expr | undefined;
  name: string | undefined;
  body: Stmt[];
}
export interface TryStmt extends Node {
  kind: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface MatchCase extends Node {
  pattern: Pattern;
  guard: Expr | undefined;
  body: Stmt[];
}
export type Pattern =
  | { kind: 'Wildcard'; span: Span }
  | { kind: 'Capture'; name: string; span: Span }
  | { kind: 'Value'; value: Expr; span: Span }
  | { kind: 'Or'; patterns: Pattern[]; span: Span }
  /** `[a, b, *rest]`, `(a, b)` or `a, *_`; a `Star` item (`*rest`, `*_` without a name) takes the rest as a list. */
  | { kind: 'Sequence'; items: Pattern[]; span: Span }
  | { kind: 'Star'; name: string | undefined; span: Span }
  /** `{"k": v, ...}`; `rest` is the name of a `**rest`. */
  | { kind: 'Mapping'; keys: Expr[]; values: Pattern[]; rest: string | undefined; span: Span }
  /** `Cls(p, k=q)`. */
  | { kind: 'Class'; cls: Expr; args: Pattern[]; kwargs: { name: string; pattern: Pattern }[]; span: Span }
  /** `p as name`. */
  | { kind: 'As'; pattern: Pattern; name: string; span: Span }
  | { kind: 'Unsupported'; span: Span };
export interface MatchStmt extends Node {
  kind: 'Match';
  subject: Expr;
  cases: MatchCase[];
}
export interface Alias {
  name: string;
  asname: string | undefined;
  span: Span;
}
export interface ImportStmt extends Node {
  kind: 'Import';
  names: Alias[];
}
export interface ImportFromStmt extends Node {
  kind: 'ImportFrom';
  module: string;
  names: Alias[];
  level: number;
}
export interface Param extends Node {
  name: string;
  annotation: Expr | undefined;
  default: Expr | undefined;
  /** `*args` is 'vararg', `**kwargs` is 'kwarg'; a bare `*` separator is not recorded. */
  star: 'vararg' | 'kwarg' | undefined;
  keywordOnly: boolean;
}
export interface FunctionDef extends Node {
  kind: 'FunctionDef';
  name: string;
  params: Param[];
  returns: Expr | undefined;
  body: Stmt[];
  decorators: Expr[];
  isAsync: boolean;
  /** The span of `def name`, where diagnostics about the whole function point. */
  nameSpan: Span;
}
export interface ClassDef extends Node {
  kind: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorators: Expr[];
  nameSpan: Span;
}
export interface GlobalStmt extends Node {
  kind: 'Global';
  names: string[];
  nonlocal: boolean;
}
export interface DeleteStmt extends Node {
  kind: 'Delete';
  targets: Expr[];
}
export interface WithStmt extends Node {
  kind: 'With';
  items: { context: Expr; target: Expr | undefined }[];
  body: Stmt[];
  isAsync: boolean;
}
/** A statement kind Ingot does not model (e.g. `exec`-style constructs); `what` names it for diagnostics. */
export interface UnsupportedStmt extends Node {
  kind: 'Unsupported';
  what: string;
}

export interface Module {
  file: string;
  body: Stmt[];
}
