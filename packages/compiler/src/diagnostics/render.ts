/**
 * Renders diagnostics as rustc-style text (message, ` --> file:line:col`, a code frame with
 * `^^^` under the span, notes and `help:`) or as JSON with end positions.
 */
import type { Diagnostic } from './diagnostic';

function codePoints(s: string): string[] {
  return Array.from(s);
}

export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const out: string[] = [`${d.severity}[${d.code}]: ${d.message}`];
  const span = d.span;
  if (span) {
    const text = sources.get(span.file);
    const gutter = String(span.endLine).length;
    const pad = ' '.repeat(gutter);
    out.push(`${pad}--> ${span.file}:${span.line}:${span.col}`);
    if (text !== undefined) {
      const lines = text.split(/\r?\n/);
      out.push(`${pad} |`);
      const last = Math.min(span.endLine, span.line + 3);
      for (let ln = span.line; ln <= last; ln++) {
        const src = lines[ln - 1] ?? '';
        out.push(`${String(ln).padStart(gutter)} | ${src}`);
        const chars = codePoints(src);
        const from = ln === span.line ? span.col : firstNonSpace(chars);
        const to = ln === span.endLine ? span.endCol : chars.length + 1;
        const width = Math.max(1, to - from);
        out.push(`${pad} | ${' '.repeat(Math.max(0, from - 1))}${'^'.repeat(width)}`);
      }
      out.push(`${pad} |`);
    }
  }
  for (const note of d.notes) out.push(`${' '.repeat(span ? String(span.endLine).length : 0)} = note: ${note}`);
  if (d.help) out.push(`${' '.repeat(span ? String(span.endLine).length : 0)} = help: ${d.help}`);
  return out.join('\n');
}

function firstNonSpace(chars: string[]): number {
  const i = chars.findIndex((c) => c !== ' ' && c !== '\t');
  return i < 0 ? 1 : i + 1;
}

export function renderDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const body = ds.map((d) => renderDiagnostic(d, sources)).join('\n\n');
  const summary =
    errors > 0 ? `\n\nerror: could not compile due to ${errors} previous error${errors === 1 ? '' : 's'}` : '';
  return body + summary;
}

export function diagnosticsToJson(ds: readonly Diagnostic[]): string {
  return JSON.stringify(
    ds.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      span: d.span ?? null,
      notes: d.notes,
      help: d.help ?? null,
    })),
    null,
    2,
  );
}
