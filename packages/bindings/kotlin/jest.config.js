// Jest config for the Kotlin binding generator; the root config lists this file under `projects`.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'bindings-kotlin',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // Generating a package runs cargo; a cold build of uniffi and the runtime takes minutes, and each kotlinc run 30-60 s.
  testTimeout: 40 * 60 * 1000,
};
