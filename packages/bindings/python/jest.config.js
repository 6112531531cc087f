// Jest config for the Python binding generator; the root config lists this file under `projects`.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'bindings-python',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // Generating a package runs cargo; a cold build of uniffi and the runtime takes minutes.
  testTimeout: 40 * 60 * 1000,
};
