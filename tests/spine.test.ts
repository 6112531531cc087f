/**
 * The spine end to end, as a user runs it: `nx run fma:bindings --lang node` writes a package
 * that plain `node` can require; the C header cbindgen generates for fma matches the reviewed
 * copy (regenerate with INGOT_BLESS=1); every platform target is described once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allTargets, hostTarget } from '@ingot/bindings-common';

const root = path.resolve(__dirname, '..');

describe('the spine', () => {
  it('nx run fma:bindings --lang node gives a package plain node can require', () => {
    execFileSync(
      path.join(root, 'node_modules', '.bin', 'nx'),
      ['run', 'fma:bindings', '--lang', 'node', '--skip-nx-cache'],
      { cwd: root, stdio: 'pipe', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
    );
    const script =
      "const m = require(process.argv[1]); console.log(JSON.stringify([m.fma(3, -1, 2), m.fma(1.5, 2, 0.25)])); try { m.fma('3', 1, 2) } catch (e) { console.log(e.constructor.name + ': ' + e.message) }";
    const p = spawnSync(process.execPath, ['-e', script, path.join(root, 'dist', 'fma', 'node')], { encoding: 'utf8' });
    expect(p.status).toBe(0);
    const [values, error] = p.stdout.trim().split('\n');
    expect(JSON.parse(values!)).toEqual([-1, 3.25]);
    expect(error).toBe("TypeError: fma(): argument 'x' must be a number, got string");
  });

  it('builds the generated crate without a warning', () => {
    // Generated Rust is ours: a warning in it is a compiler bug even when the build succeeds.
    const log = fs.readFileSync(path.join(root, 'dist', 'fma', 'compiled', 'cargo.log'), 'utf8');
    expect(log.split('\n').filter((l) => /^warning\b/.test(l))).toEqual([]);
  });

  it('generates the C header that the golden copy shows', () => {
    const header = path.join(root, 'dist', 'fma', 'compiled', 'include', 'ingot_fma.h');
    expect(fs.existsSync(header)).toBe(true);
    const golden = path.join(__dirname, 'golden', 'header', 'ingot_fma.h');
    const text = fs.readFileSync(header, 'utf8');
    if (process.env.INGOT_BLESS === '1' || !fs.existsSync(golden)) fs.writeFileSync(golden, text);
    expect(text).toBe(fs.readFileSync(golden, 'utf8'));
  });
});

describe('targets/targets.json', () => {
  it('describes every platform the packages target, with a build command', () => {
    const ids = allTargets()
      .map((t) => t.id)
      .sort();
    expect(ids).toEqual([
      'android-arm64-v8a',
      'android-x86_64',
      'darwin-arm64',
      'ios',
      'ios-sim',
      'linux-arm64',
      'linux-x64',
      'windows-x64',
    ]);
    for (const t of allTargets()) {
      expect(t.rustTriple).toMatch(/^[a-z0-9_]+-[a-z0-9_]+-[a-z0-9_-]+$/);
      expect(t.library.shared ?? t.library.static).toContain('{name}');
      expect(t.build).toContain('cargo');
    }
    expect(
      allTargets()
        .filter((t) => t.os === 'android')
        .map((t) => t.kotlin?.jniLibs)
        .sort(),
    ).toEqual(['arm64-v8a', 'x86_64']);
  });

  it('knows the host', () => {
    expect(hostTarget().rustTriple).toContain(process.arch === 'x64' ? 'x86_64' : 'aarch64');
  });
});
