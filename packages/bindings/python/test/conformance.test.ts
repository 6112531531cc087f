// The OpenAI conformance cases (packages/contract/cases/openai) through the generated Python package's Client: the
// embed fixture packaged as a wheel, pip-installed offline into a fresh venv, driven from a plain python process.

import * as path from 'node:path';
import { openai } from '@ingot/contract';
import { generatePythonPackage } from '../src';
import { conformanceSuite } from '../../../contract/test/harness';
import { RUN_CASES_PY, runCaseScript } from '../../../contract/test/run';
import { outDir, Venv } from './venv';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let venv: Venv | undefined;

afterAll(() => venv?.remove());

conformanceSuite('python client', { typed: false }, async (cases) => {
  const fixture = openai.loadCaseFile(openai.EMBEDDINGS.casesFile).fixture;
  const r = await generatePythonPackage({
    compileDir: path.join(ROOT, fixture.compile_dir),
    outDir: path.join(outDir('conformance'), fixture.model),
  });
  venv = new Venv();
  venv.install(r.wheel);
  return runCaseScript(venv.python, [RUN_CASES_PY, `ingot:${fixture.model}`], cases, '/');
});
