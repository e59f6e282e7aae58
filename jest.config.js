// Unit tests live beside the code; cross-package tests under tests/ (integration on a real
// database, golden OCR over fixtures/). End-to-end browser tests have their own config.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/backend/src', '<rootDir>/ocr/src', '<rootDir>/frontend/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tests/e2e/'],
  moduleNameMapper: {
    '^@cotejo/ocr$': '<rootDir>/ocr/src/index.ts',
    '^@cotejo/backend/contracts$': '<rootDir>/backend/src/contracts/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  testTimeout: 180_000,
  maxWorkers: 2,
};
