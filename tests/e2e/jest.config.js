// End-to-end tests: the real app (built backend serving the built frontend) in Debian Chromium
// through playwright-core. Run with `npm run test:e2e` (builds first).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }];

export default {
  rootDir: '../..',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  moduleNameMapper: {
    '^@cotejo/backend/contracts$': '<rootDir>/backend/src/contracts/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': swc },
  setupFilesAfterEnv: ['<rootDir>/tests/e2e/support/retry.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
