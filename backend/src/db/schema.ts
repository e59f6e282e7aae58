/**
 * The whole Cotejo domain as Drizzle tables (DESIGN.md "Domain"), one file per area under schema/.
 * Migrations are generated from this file by drizzle-kit (`npm run db:generate -w backend`) and
 * committed under backend/drizzle.
 */
export * from './schema/accounts.js';
export * from './schema/projects.js';
export * from './schema/documents.js';
export * from './schema/crowd.js';
export * from './schema/open-data.js';
