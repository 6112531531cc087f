// Jest config for the Node binding generator; the root config lists this file under `projects`.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'bindings-node',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // Generating a package runs cargo; a cold build of napi and the runtime takes minutes.
  testTimeout: 40 * 60 * 1000,
};
