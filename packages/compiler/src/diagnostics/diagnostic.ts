/**
 * Diagnostics: the one way every stage reports a problem in the user's code.
 * A stage never throws for bad input; it adds a Diagnostic to the sink and returns a
 * partial result. The renderer turns diagnostics into rustc-style text or JSON.
 */
import { CATALOG, type CatalogEntry, type DiagnosticCode, type Severity } from './catalog';

export type { Severity };

/** A half-open source range, with 1-based lines and 1-based columns (in code points). */
export interface Span {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span | undefined;
  /** Nested "because" lines that explain the message, outermost first. */
  notes: string[];
  help: string | undefined;
}

type Args = Record<string, string | number>;

function fill(template: string, args: Args): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

/** Collects diagnostics for one compilation. Entries are looked up in the catalog by code. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  report(code: DiagnosticCode, span: Span | undefined, args: Args = {}, extra: { notes?: string[] } = {}): Diagnostic {
    const entry: CatalogEntry = CATALOG[code];
    const d: Diagnostic = {
      code,
      severity: entry.severity,
      message: fill(entry.message, args),
      span,
      notes: extra.notes ?? [],
      help: entry.help === undefined ? undefined : fill(entry.help, args),
    };
    this.items.push(d);
    return d;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Thrown only by the pipeline driver to stop after a stage that reported errors; never escapes the API. */
export class CompileFailed extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
  }
}
