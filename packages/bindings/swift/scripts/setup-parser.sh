#!/usr/bin/env bash
# Installs tree-sitter-swift for the Swift generator's syntax test into test/parser/node_modules, outside the npm workspaces
# (the root `npm ci` never sees it). Run once after `npm ci`; the test runs it itself when the parser is missing.
#  - `--ignore-scripts`: tree-sitter-swift's tree-sitter-cli dependency downloads a binary at install time, which fails offline.
#  - tree-sitter-swift's linux-x64 prebuild works as shipped.
#  - The prebuild of the native `tree-sitter` binding needs GLIBCXX_3.4.31 (newer than Debian 12's libstdc++), so its
#    prebuilds/ are removed and it is compiled with node-gyp (g++ and the node headers are needed).
#  - node-gyp gets the installed node headers through --nodedir (it would otherwise download them).
#  - tree-sitter-swift 0.7.1 declares a peer dependency on tree-sitter ^0.22.1; it works with 0.25.1, hence --legacy-peer-deps.
#  - Test files run in parallel workers and each sets the parser up when it is missing: one lock (outside the tree, so the
#    checkout stays clean) lets one install while the others wait, and `node_modules/.ingot-ready`, written last, is what
#    says the parser is whole (a half-installed tree-sitter without its native build is not).
set -euo pipefail
dir="$(cd "$(dirname "$0")/../test/parser" && pwd)"
exec 9>"${TMPDIR:-/tmp}/ingot-swift-parser-$(printf '%s' "$dir" | sha1sum | cut -c1-12).lock"
flock 9
if [ -f "$dir/node_modules/.ingot-ready" ]; then exit 0; fi
cd "$dir"
if [ -f package-lock.json ]; then
  npm ci --prefix "$dir" --ignore-scripts --legacy-peer-deps --no-audit --no-fund
else
  npm install --prefix "$dir" --ignore-scripts --legacy-peer-deps --no-audit --no-fund
fi
rm -rf "$dir/node_modules/tree-sitter/prebuilds"
node_gyp="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
# node-gyp would download the node headers, which fails offline: use the installed ones (npm's `nodedir`, else /usr).
nodedir="$(npm config get nodedir 2>/dev/null || true)"
if [ -z "$nodedir" ] || [ "$nodedir" = "undefined" ] || [ "$nodedir" = "null" ]; then nodedir=/usr; fi
(cd "$dir/node_modules/tree-sitter" && node "$node_gyp" rebuild --release --nodedir="$nodedir" >/dev/null)
node -e "
const Parser = require('$dir/node_modules/tree-sitter');
const Swift = require('$dir/node_modules/tree-sitter-swift');
const p = new Parser(); p.setLanguage(Swift);
if (p.parse('let x: Int = 1\n').rootNode.hasError) { console.error('tree-sitter-swift does not parse valid Swift'); process.exit(1); }
console.log('tree-sitter-swift ready in $dir');
"
touch "$dir/node_modules/.ingot-ready"
