/**
 * docs/coverage.md is generated from the registry; this fails when it is stale, and checks
 * that every registry entry carries at least one reference test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allOps } from '@ingot/compiler';

const { render } = require('../tools/gen-coverage.js') as { render: () => string };

describe('docs/coverage.md', () => {
  it('is up to date with the registry (regenerate with `node tools/gen-coverage.js`)', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'docs', 'coverage.md'), 'utf8')).toBe(render());
  });

  it('lists only ops that have reference tests', () => {
    expect(
      allOps()
        .filter((o) => o.tests.length === 0 && !o.testedBy)
        .map((o) => o.id),
    ).toEqual([]);
  });
});
