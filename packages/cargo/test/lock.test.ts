// The library locks of the shared target dir: builds of one name take turns, other names do not wait, and a lock left
// by a process that is gone is removed (and said), so a build stopped with Ctrl-C never blocks the next one.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withBuildLock } from '../src';

let target: string;
const saved = process.env.INGOT_CARGO_TARGET_DIR;

beforeEach(() => {
  target = mkdtempSync(path.join(os.tmpdir(), 'ingot-cargo-lock-'));
  process.env.INGOT_CARGO_TARGET_DIR = target;
});

afterEach(() => {
  rmSync(target, { recursive: true, force: true });
  if (saved === undefined) delete process.env.INGOT_CARGO_TARGET_DIR;
  else process.env.INGOT_CARGO_TARGET_DIR = saved;
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
  const events = await race(3, () => 'ingot_twin');
  for (let k = 0; k < events.length; k += 2) {
    expect(events[k]!.replace('start', 'end')).toBe(events[k + 1]);
  }
  expect(existsSync(path.join(target, 'ingot-locks', 'ingot_twin.lock'))).toBe(false);
});

test('builds of other library names do not wait for each other', async () => {
  const events = await race(2, (i) => `ingot_lib${i}`);
  expect(events.slice(0, 2).every((e) => e.startsWith('start'))).toBe(true);
});

test("a lock whose process is gone is removed and said, a live one's is waited for", async () => {
  mkdirSync(path.join(target, 'ingot-locks'), { recursive: true });
  // A pid that was just used and is gone: a child that has exited.
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  writeFileSync(path.join(target, 'ingot-locks', 'ingot_dead.lock'), String(dead));
  const log: string[] = [];
  await withBuildLock(
    'ingot_dead',
    (l) => log.push(l),
    async () => {},
  );
  expect(log).toEqual(['  removing a stale lock of ingot_dead (its build was stopped)']);

  // This process holds it: the second taker waits, says so once, and runs after the first releases it.
  writeFileSync(path.join(target, 'ingot-locks', 'ingot_live.lock'), String(process.pid));
  const waits: string[] = [];
  let ran = false;
  const second = withBuildLock(
    'ingot_live',
    (l) => waits.push(l),
    async () => {
      ran = true;
    },
  );
  await pause(1000);
  expect(ran).toBe(false);
  rmSync(path.join(target, 'ingot-locks', 'ingot_live.lock'));
  await second;
  expect(ran).toBe(true);
  expect(waits).toEqual(['  waiting for another build of ingot_live in the same target dir']);
});
