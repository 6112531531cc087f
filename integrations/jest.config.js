// Jest config for the engine integrations (Ray, Spark, Ray Serve, the serving recipes); the root config lists this
// file under `projects`.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'integrations',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // The first run compiles MiniLM, builds its wheel and installs Ray and Spark into a venv; that takes minutes.
  testTimeout: 40 * 60 * 1000,
};
