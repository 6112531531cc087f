/**
 * The compile-time pattern checker against CPython: every pattern recorded in
 * native-rust/runtime/tests/re_cases.jsonl (by tests/gen_re_cases.py, CPython 3.11) gives the
 * same groups, names and flags, or the same error text; and a group the checker calls
 * mandatory is never missing from a recorded match.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRegex, checkTemplate, regexErrorText } from '../src/regex/regex';

interface Case {
  op: string;
  pattern: string;
  flags: number;
  args: unknown[];
  out?: unknown;
  err?: string;
}

const file = path.join(__dirname, '../../../native-rust/runtime/tests/re_cases.jsonl');
const raw: Case[] = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);
/** The first line lists the sample texts; `{"t": k}` in an argument list stands for text k. */
const texts = raw[0]!.args as string[];
const cases = raw.slice(1).map((c) => ({
  ...c,
  args: c.args.map((a) => (a && typeof a === 'object' && 't' in a ? texts[(a as { t: number }).t] : a)),
}));
/** `\N{...}` needs CPython's Unicode name table, which Ingot does not carry. */
const UNSUPPORTED = new Set(['\\N{EM DASH}']);

describe('regex syntax checker', () => {
  it.each(cases.filter((c) => c.op === 'compile' && !UNSUPPORTED.has(c.pattern)).map((c) => [c.pattern, c] as const))(
    '%s',
    (_p, c) => {
      const r = checkRegex(c.pattern, c.flags);
      const got =
        'error' in r
          ? { err: `${r.error.type}: ${regexErrorText(c.pattern, r.error)}` }
          : { out: { groups: r.groups, groupindex: Object.fromEntries(r.names), flags: r.flags } };
      expect(got).toEqual(c.err !== undefined ? { err: c.err } : { out: c.out });
    },
  );

  it('never calls a group mandatory that a recorded match lacks', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      if (c.op !== 'search' && c.op !== 'finditer') continue;
      const r = checkRegex(c.pattern, c.flags);
      if ('error' in r) continue;
      // search gives {spans, groups}; finditer each match's spans flattened, -1 for a missing group.
      const missing: number[][] =
        c.op === 'search'
          ? [((c.out as { groups: (string | null)[] } | null)?.groups ?? []).flatMap((g, i) => (g === null ? [i] : []))]
          : (c.out as number[][]).map((spans) => spans.flatMap((x, j) => (j % 2 === 0 && x === -1 ? [j / 2] : [])));
      for (const groups of missing) {
        for (const g of groups)
          if (g > 0 && !r.optional[g]) wrong.push(`${c.pattern} group ${g} on text ${JSON.stringify(c.args[0])}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('checks replacement templates like CPython', () => {
    for (const c of cases) {
      if (c.op !== 'sub' || c.flags !== 0) continue;
      const shape = checkRegex(c.pattern, 0);
      if ('error' in shape) continue;
      const r = checkTemplate(c.args[0] as string, shape);
      const err = 'error' in r ? `${r.error.type}: ${regexErrorText(c.args[0] as string, r.error)}` : undefined;
      expect({ repl: c.args[0], err }).toEqual({ repl: c.args[0], err: c.err });
    }
  });
});
