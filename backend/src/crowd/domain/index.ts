// Public surface of the crowd domain: pure functions the use cases call inside their transactions.
export * from './types.js';
export * from './decimal.js';
export * from './number.js';
export * from './dates.js';
export * from './text.js';
export * from './tax-id.js';
export * from './paths.js';
export * from './normalize.js';
export * from './submission.js';
export * from './consensus.js';
export * from './rows.js';
export * from './checks.js';
export * from './reliability.js';
export * from './record.js';
export * from './vozdata.js';
