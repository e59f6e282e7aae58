/** Projects and their versioned field schemas. */
import { integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt, updatedAt, ownedBy } from './columns.js';
import { organizations, users } from './accounts.js';

export const projects = pgTable('projects', {
  id: id(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  language: text('language').notNull().default('es'),
  locale: text('locale').notNull().default('es-AR'),
  status: text('status', { enum: ['draft', 'live', 'paused', 'closed'] })
    .notNull()
    .default('draft'),
  embargoUntil: timestamp('embargo_until', { withTimezone: true }),
  agreeK: real('agree_k').notNull().default(2),
  maxTranscriptions: integer('max_transcriptions').notNull().default(5),
  taskGranularity: text('task_granularity', { enum: ['document', 'page'] })
    .notNull()
    .default('document'),
  ocrLanguages: text('ocr_languages').notNull().default('spa'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const fieldSchemas = pgTable(
  'field_schemas',
  {
    id: id(),
    projectId: ownedBy('project_id', () => projects.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<unknown>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('field_schemas_project_version_key').on(t.projectId, t.version)],
);
