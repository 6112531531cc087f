// The XCTest target a generated Swift package gets when a test writes a Tests/ folder into it: the package's
// Package.swift gains `.testTarget(name: "<Module>Tests", ...)` once, so `swift test` finds the written test file on a
// machine with a Swift toolchain. Used by the conformance and hybrid-routing tests.

import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Adds the `<module>Tests` test target to the package's Package.swift, unless it already has one. */
export function addTestTarget(packageDir: string, module: string): void {
  const manifest = path.join(packageDir, 'Package.swift');
  const text = readFileSync(manifest, 'utf8');
  if (text.includes('.testTarget(')) return;
  const target = `        .testTarget(name: "${module}Tests", dependencies: ["${module}"], path: "Tests/${module}Tests"),\n`;
  writeFileSync(
    manifest,
    text.replace(/(\n    \]\n\)\s*)$/, `\n${target}    ]\n)\n`).replace(/\n\n(        \.testTarget)/, '\n$1'),
  );
}
