/**
 * Golden tests of the typed IR text (`ingot ir`): each tests/golden/ir/*.py is printed with
 * entry `f` and compared with the `.ir` file beside it. Regenerate with INGOT_BLESS=1 and
 * review the diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { irText, renderDiagnostics } from '@ingot/compiler';

const dir = path.join(__dirname, 'golden', 'ir');
const bless = process.env.INGOT_BLESS === '1';
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort();

describe('typed IR golden files', () => {
  it.each(files)('%s', async (name) => {
    const file = path.relative(process.cwd(), path.join(dir, name));
    const r = await irText({ file, entry: 'f' });
    expect(renderDiagnostics(r.diagnostics, r.sources)).toBe('');
    const golden = path.join(dir, name.replace(/\.py$/, '.ir'));
    if (bless || !fs.existsSync(golden)) fs.writeFileSync(golden, r.text!);
    expect(r.text).toBe(fs.readFileSync(golden, 'utf8'));
  });
});
