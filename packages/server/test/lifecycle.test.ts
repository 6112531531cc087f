/**
 * `ingot serve` stops with whatever launched it: under `npx` (SIGTERM to npx, which does not reach the server
 * through npm's `sh -c`), as PID 1 of its own PID namespace (a container's init, where signals without a handler
 * are ignored), and under a supervisor that kills its wrapper script with SIGKILL. Each case checks that the port
 * is closed afterwards and that no process of the launch is left.
 *
 * The served model is a folder that is not a model: the server then starts at once and serves it as failed (a 500
 * for that model, `/health` still answering), which is all the process lifecycle needs, with no cargo build. Real
 * models are served in server.test.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, root } from './fixture';

const NPX = path.join(path.dirname(process.execPath), 'npx');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect({ host: '127.0.0.1', port });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pids of every live process whose command line holds `marker` (read from /proc). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${e}/cmdline`, 'utf8');
      const state = fs.readFileSync(`/proc/${e}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmd.includes(marker) && state !== 'Z') pids.push(Number(e));
    } catch {
      // The process ended while we read it.
    }
  }
  return pids;
}

function launch(cmd: string, args: string[]): { proc: ChildProcess; output: () => string } {
  const proc = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return { proc, output: () => out };
}

const notAModel = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-lifecycle-'));
let cases = 0;
let marker = '';
// Each case serves its own folder, whose path marks the processes it started, so the leftover-process check of one
// case never sees another's.
beforeEach(() => {
  marker = path.join(notAModel, `model-${++cases}`);
  fs.mkdirSync(marker);
});
afterAll(() => {
  // Whatever a failed case left behind is ended here, by pid, so it cannot outlive the test run.
  for (const pid of processesWith(notAModel)) process.kill(pid, 'SIGKILL');
  fs.rmSync(notAModel, { recursive: true, force: true });
});

describe('ingot serve stops with its launcher', () => {
  it('SIGTERM to `npx ingot serve` closes the port and leaves no process', async () => {
    const port = await freePort();
    const { proc, output } = launch(NPX, ['ingot', 'serve', `m=${marker}`, '--port', String(port)]);
    await until(`npx ingot serve to listen:\n${output()}`, () => listening(port));
    // The server runs under npm's `sh -c`, not as npx itself.
    const server = processesWith(marker).filter((p) => p !== proc.pid);
    expect(server.length).toBeGreaterThan(0);
    proc.kill('SIGTERM');
    await until('npx to exit', () => proc.exitCode !== null || proc.signalCode !== null);
    await until(`the port to close:\n${output()}`, async () => !(await listening(port)));
    await until('every process of the launch to end', () => processesWith(marker).length === 0);
    expect(output()).toMatch(/"event":"shutdown","reason":"parent_exited"/);
    expect(output()).toMatch(/"event":"stopped"/);
  });

  it('a supervisor that SIGKILLs its wrapper script stops the server under it', async () => {
    const port = await freePort();
    // A wrapper that does not `exec`: the server is the shell's child, and the supervisor only knows the shell.
    const script = `"${process.execPath}" "${cli}" serve "m=${marker}" --port ${port}; echo wrapper-done`;
    const { proc, output } = launch('sh', ['-c', script]);
    await until(`the server to listen:\n${output()}`, () => listening(port));
    proc.kill('SIGKILL');
    await until(`the port to close:\n${output()}`, async () => !(await listening(port)));
    await until('every process of the launch to end', () => processesWith(marker).length === 0);
  });

  it('with INGOT_SERVE_DETACHED=1 the server outlives a killed wrapper, and SIGTERM still stops it', async () => {
    const port = await freePort();
    const script = `"${process.execPath}" "${cli}" serve "m=${marker}" --port ${port}; echo wrapper-done`;
    const proc = spawn('sh', ['-c', script], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, INGOT_SERVE_DETACHED: '1' },
    });
    await until('the server to listen', () => listening(port));
    proc.kill('SIGKILL');
    // Well past the parent watch's half-second poll.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await listening(port)).toBe(true);
    for (const pid of processesWith(marker)) process.kill(pid, 'SIGTERM');
    await until('the port to close', async () => !(await listening(port)));
    await until('every process of the launch to end', () => processesWith(marker).length === 0);
  });

  it('a SIGTERM while it starts stops it gracefully once it runs (exit 0), rather than killing it mid-start', async () => {
    const port = await freePort();
    const proc = spawn(process.execPath, [cli, 'serve', `m=${marker}`, '--port', String(port)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // Sent the moment the server says it is starting, before its port opens (no polling delay).
    proc.stderr!.on('data', (c: Buffer) => {
      const had = out.includes('"event":"starting"');
      out += c.toString();
      if (!had && out.includes('"event":"starting"')) proc.kill('SIGTERM');
    });
    await until(`the server to exit:\n${out}`, () => proc.exitCode !== null || proc.signalCode !== null);
    expect({ code: proc.exitCode, signal: proc.signalCode }).toEqual({ code: 0, signal: null });
    expect(out).toMatch(/"event":"shutdown","signal":"SIGTERM"/);
    expect(out).toMatch(/"event":"stopped"/);
    expect(processesWith(marker)).toEqual([]);
  });

  // A container's entrypoint is PID 1 of a new PID namespace; `unshare` makes one here when the kernel allows it.
  const canUnshare = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;
  if (!canUnshare)
    console.warn('lifecycle.test.ts: the PID 1 case is skipped: `unshare --pid --fork` is not allowed here');
  (canUnshare ? it : it.skip)('as PID 1 of its PID namespace, SIGTERM stops it gracefully (exit 0)', async () => {
    const port = await freePort();
    const { proc, output } = launch('unshare', [
      '--pid',
      '--fork',
      '--mount-proc',
      process.execPath,
      cli,
      'serve',
      `m=${marker}`,
      '--port',
      String(port),
    ]);
    await until(`the server to listen:\n${output()}`, () => listening(port));
    // The container runtime signals PID 1 from outside; here that is the node process `unshare` forked.
    const node = processesWith(marker).filter((p) => p !== proc.pid);
    expect(node).toHaveLength(1);
    const nsPid = fs
      .readFileSync(`/proc/${node[0]}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('NSpid:'))!
      .split(/\s+/)
      .pop();
    expect(nsPid).toBe('1');
    process.kill(node[0]!, 'SIGTERM');
    await until('unshare to exit', () => proc.exitCode !== null || proc.signalCode !== null);
    expect(proc.exitCode).toBe(0);
    expect(output()).toMatch(/"event":"shutdown","signal":"SIGTERM"/);
    expect(await listening(port)).toBe(false);
    expect(processesWith(marker)).toEqual([]);
  });
});
