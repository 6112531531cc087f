// The OpenAI conformance cases (packages/contract/cases/openai) through the generated Python package's Client: the
// embed fixture packaged as a wheel, pip-installed offline into a fresh venv, driven from a plain python process.

import * as path from 'node:path';
import { generatePythonPackage } from '../src';
import { byFixture, conformanceSuite } from '../../../contract/test/harness';
import { RUN_CASES_PY, runCaseScript } from '../../../contract/test/run';
import { outDir, Venv } from './venv';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let venv: Venv | undefined;

afterAll(() => venv?.remove());

conformanceSuite('python client', { typed: false, runner: 'python' }, async (cases) => {
  // One wheel per fixture (each surface's cases name theirs), all installed into one venv.
  const groups = byFixture(cases);
  const wheels: string[] = [];
  for (const { fixture } of groups) {
    const r = await generatePythonPackage({
      compileDir: path.join(ROOT, fixture.compile_dir),
      outDir: path.join(outDir('conformance'), fixture.model),
    });
    wheels.push(r.wheel);
  }
  venv = new Venv();
  venv.install(...wheels);
  let outcomes = {};
  for (const { fixture, cases: group } of groups)
    outcomes = { ...outcomes, ...runCaseScript(venv.python, [RUN_CASES_PY, `ingot:${fixture.model}`], group, '/') };
  return outcomes;
});
