/**
 * The per-library build lock (`withBuildLock`, the compiler's and the bindings' alike): builds of one name take turns
 * and other names do not wait; a build stopped with Ctrl-C or killed leaves its lock file behind, and the
 * next build must take it over at once rather than wait for the half-hour age rule; a lock whose holder still runs is
 * waited for.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withBuildLock } from '../src';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-lock-test-'));
const saved = process.env.INGOT_CARGO_TARGET_DIR;
beforeAll(() => {
  process.env.INGOT_CARGO_TARGET_DIR = dir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.INGOT_CARGO_TARGET_DIR;
  else process.env.INGOT_CARGO_TARGET_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

const lockFile = (lib: string) => path.join(dir, 'ingot-locks', `${lib}.lock`);

function leaveLock(lib: string, content: string, ageMs = 0): void {
  fs.mkdirSync(path.dirname(lockFile(lib)), { recursive: true });
  fs.writeFileSync(lockFile(lib), content);
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(lockFile(lib), t, t);
}

test('a lock left by a process that has exited is taken over at once', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  leaveLock('libdead.so', dead.stdout.trim());
  const log: string[] = [];
  const started = Date.now();
  const got = await withBuildLock(
    'libdead.so',
    (l) => log.push(l),
    async () => 'built',
  );
  expect(got).toBe('built');
  expect(log.join('\n')).toMatch(/stale lock of libdead\.so/);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(fs.existsSync(lockFile('libdead.so'))).toBe(false);
}, 15_000);

test('an empty lock older than a few seconds was never finished and is taken over', async () => {
  leaveLock('libempty.so', '', 60_000);
  await expect(
    withBuildLock(
      'libempty.so',
      () => {},
      async () => 'built',
    ),
  ).resolves.toBe('built');
});

test('a lock whose holder still runs is waited for until it is released', async () => {
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    leaveLock('liblive.so', String(holder.pid));
    const log: string[] = [];
    let done = false;
    const waiting = withBuildLock(
      'liblive.so',
      (l) => log.push(l),
      async () => {
        done = true;
        return 'built';
      },
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(done).toBe(false);
    expect(log.join('\n')).toMatch(/waiting for another build of liblive\.so/);
    fs.rmSync(lockFile('liblive.so'));
    await expect(waiting).resolves.toBe('built');
  } finally {
    holder.kill();
  }
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `n` bodies under lock `name(i)` at once; returns the order of their start and end events. */
async function race(n: number, name: (i: number) => string): Promise<string[]> {
  const events: string[] = [];
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      withBuildLock(
        name(i),
        () => {},
        async () => {
          events.push(`start ${i}`);
          await pause(50);
          events.push(`end ${i}`);
        },
      ),
    ),
  );
  return events;
}

test('builds of one library name take turns, and the lock file is gone afterwards', async () => {
  const events = await race(3, () => 'libtwin.so');
  for (let k = 0; k < events.length; k += 2) {
    expect(events[k]!.replace('start', 'end')).toBe(events[k + 1]);
  }
  expect(fs.existsSync(lockFile('libtwin.so'))).toBe(false);
});

test('builds of other library names do not wait for each other', async () => {
  const events = await race(2, (i) => `lib${i}.so`);
  expect(events.slice(0, 2).every((e) => e.startsWith('start'))).toBe(true);
});
