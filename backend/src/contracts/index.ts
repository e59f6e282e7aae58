/** Everything the frontend may import from the backend: zod schemas and types, no Node code. */
export * from './auth.js';
export * from './events.js';
export * from './projects.js';
export * from './errors.js';
export * from './field-schema.js';
export * from './tasks.js';
export * from './reviews.js';
export * from './entities.js';
export * from './documents.js';
export * from './dashboard.js';
export * from './invitations.js';
export * from './open-data.js';
export * from './releases.js';
