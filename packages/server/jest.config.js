// Jest config for @ingot/server; the root config lists this file under `projects`.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'server',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // The fixture model is compiled and bound through the CLI on first run; a cold cargo build takes minutes.
  testTimeout: 40 * 60 * 1000,
};
