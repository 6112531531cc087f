#!/usr/bin/env node
// Prints, as JSON, the registry's torchvision reference tests (ops `torchvision.*` whose
// outcomes are recorded): their key, source and samples. tools/images/record_torchvision.py
// runs them. Run after `npm run build`.
const { allOps } = require('../../packages/compiler/dist/index.js');
const { recordKey } = require('../../packages/compiler/dist/registry/ops/torch.js');

const cases = [];
for (const op of allOps()) {
  if (!op.id.startsWith('torchvision.')) continue;
  for (const t of op.tests) {
    if (t.recorded === undefined) continue;
    cases.push({
      key: recordKey(t),
      op: op.id,
      params: Object.keys(t.params),
      body: t.body ?? `return ${t.expr}`,
      imports: t.imports ?? [],
      samples: t.samples,
    });
  }
}
process.stdout.write(JSON.stringify(cases));
