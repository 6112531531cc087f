#!/usr/bin/env node
// The `ingot` workspace bin. It is a committed file rather than the build output, because npm links a
// workspace bin only when its target exists at install time, and dist/ does not exist on a fresh clone.
// It loads the built CLI (the root `prepare` script builds it during `npm install`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const main = path.join(__dirname, '..', 'dist', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(
    'error: the ingot CLI is not built yet\n  = help: run `npm run build` in the repository root (`npm install` does it too)\n',
  );
  process.exit(2);
}
require(main);
