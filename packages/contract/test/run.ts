// Spawns the case scripts beside this file (run_cases.cjs, run_cases.py) with the cases on stdin and reads the outcomes.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { Outcomes, RunnableCase } from './harness';

export const RUN_CASES_JS = path.join(__dirname, 'run_cases.cjs');
export const RUN_CASES_PY = path.join(__dirname, 'run_cases.py');

export function runCaseScript(cmd: string, args: string[], cases: RunnableCase[], cwd?: string): Outcomes {
  const r = spawnSync(cmd, args, {
    input: JSON.stringify({ cases }),
    encoding: 'utf8',
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Outcomes;
}
