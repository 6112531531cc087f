/** One jest run for the whole repository; TypeScript runs through @swc/jest. */
const transform = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
  ],
};

module.exports = {
  projects: [
    {
      displayName: 'ingot',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: [
        '<rootDir>/tests/**/*.test.ts',
        '<rootDir>/packages/compiler/test/**/*.test.ts',
        '<rootDir>/packages/cli/test/**/*.test.ts',
        '<rootDir>/packages/contract/test/**/*.test.ts',
        '<rootDir>/packages/cargo/test/**/*.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/fixtures/'],
      testTimeout: 40 * 60 * 1000,
    },
    '<rootDir>/packages/bindings/node/jest.config.js',
    '<rootDir>/packages/bindings/python/jest.config.js',
    '<rootDir>/packages/bindings/kotlin/jest.config.js',
    '<rootDir>/packages/bindings/swift/jest.config.js',
    '<rootDir>/packages/server/jest.config.js',
    '<rootDir>/integrations/jest.config.js',
  ],
  // Compiling crates is slow the first time, and a cold build may wait behind two others for cargo's lock on the
  // shared target dir; tests never time anything, so the limit is only a guard against a hang.
  testTimeout: 40 * 60 * 1000,
  maxWorkers: 2,
};
