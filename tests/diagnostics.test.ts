/**
 * Diagnostic samples: each file under tests/diagnostics is compiled with entry `f`. A comment
 * `# error: CODE` (or `# warning: CODE`) sits on the line above where the diagnostic must land; the rendered text is
 * kept as a golden `.stderr` file beside it (regenerate with INGOT_BLESS=1 and review the diff).
 * A structure test checks that every catalog entry has a sample.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CATALOG, frontend, renderDiagnostics } from '@ingot/compiler';

const dir = path.join(__dirname, 'diagnostics');
const samples = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort();
const bless = process.env.INGOT_BLESS === '1';
/** Codes that no Python file can produce: a missing file, and cargo failing on generated code. */
const NOT_FROM_SOURCE = new Set(['E0106', 'E0401', 'E0402']);

function expectations(text: string): { code: string; line: number | undefined }[] {
  const out: { code: string; line: number | undefined }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^\s*#\s*(?:error|warning):\s*([EW]\d{4})/.exec(l);
    if (m) out.push({ code: m[1]!, line: i + 2 });
    const n = /^\s*#\s*error-without-span:\s*(E\d{4})/.exec(l);
    if (n) out.push({ code: n[1]!, line: undefined });
  });
  return out;
}

describe('diagnostic samples', () => {
  it.each(samples)('%s', async (name) => {
    const file = path.join(dir, name);
    const rel = path.relative(process.cwd(), file);
    const r = await frontend({ file: rel, entry: 'f' });
    const want = expectations(fs.readFileSync(file, 'utf8'));
    // A sample of warnings only compiles; one with an error never does.
    if (want.some((w) => w.code.startsWith('E'))) expect(r.typed).toBeUndefined();
    else expect(r.typed).toBeDefined();
    const got = r.diagnostics.map((d) => ({ code: d.code, line: d.span?.line }));
    for (const w of want) expect(got).toContainEqual(w);
    // No stack traces or TypeScript internals ever reach the rendered text.
    // Paths that depend on the machine are replaced, so golden files hold on any checkout.
    const rendered = renderDiagnostics(r.diagnostics, r.sources)
      .split(path.resolve(__dirname, '..'))
      .join('<repo>')
      .split(os.homedir())
      .join('~');
    expect(rendered).not.toMatch(/\bat .*\.(js|ts):\d+/);
    const golden = file.replace(/\.py$/, '.stderr');
    if (bless || !fs.existsSync(golden)) fs.writeFileSync(golden, `${rendered}\n`);
    expect(`${rendered}\n`).toBe(fs.readFileSync(golden, 'utf8'));
  });

  it('every catalog entry has a sample', () => {
    const covered = new Set(
      samples.flatMap((s) => expectations(fs.readFileSync(path.join(dir, s), 'utf8')).map((e) => e.code)),
    );
    const missing = Object.keys(CATALOG).filter((c) => !covered.has(c) && !NOT_FROM_SOURCE.has(c));
    expect(missing).toEqual([]);
  });
});
