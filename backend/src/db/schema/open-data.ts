/** Open data: aggregate rollups, releases and the audit trail of events. */
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, ownedBy } from './columns.js';
import { users } from './accounts.js';
import { projects } from './projects.js';

/**
 * What the aggregate rollup of a project covers, derived from its latest field schema by the
 * migration 0007 trigger: groups (`dim`: an entity, enum or boolean field, or `month(<date>)`)
 * and metrics (a money or number field; '' counts records only).
 */
export const recordRollupDims = pgTable(
  'record_rollup_dims',
  {
    projectId: ownedBy('project_id', () => projects.id),
    dim: text('dim').notNull(),
    field: text('field').notNull(),
    month: boolean('month').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.dim] })],
);

export const recordRollupMetrics = pgTable(
  'record_rollup_metrics',
  {
    projectId: ownedBy('project_id', () => projects.id),
    metric: text('metric').notNull(),
    money: boolean('money').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.metric] })],
);

/**
 * Per project, group and metric: record count, count/sum/min/max of the metric's values, kept
 * exact by statement triggers on records. `stale` marks min/max that a removed value may have held.
 */
export const recordRollups = pgTable(
  'record_rollups',
  {
    projectId: ownedBy('project_id', () => projects.id),
    dim: text('dim').notNull(),
    metric: text('metric').notNull(),
    key: text('key'),
    currency: text('currency'),
    count: bigint('count', { mode: 'number' }).notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
    sum: numeric('sum'),
    min: numeric('min'),
    max: numeric('max'),
    stale: boolean('stale').notNull().default(false),
  },
  (t) => [
    unique('record_rollups_group_key').on(t.projectId, t.dim, t.metric, t.key, t.currency).nullsNotDistinct(),
  ],
);

export const releases = pgTable(
  'releases',
  {
    id: id(),
    projectId: ownedBy('project_id', () => projects.id),
    version: text('version').notNull(),
    rowCount: integer('row_count').notNull(),
    checksum: text('checksum').notNull(),
    files: jsonb('files').$type<unknown[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('releases_project_version_key').on(t.projectId, t.version)],
);

export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    actorId: uuid('actor_id'),
    projectId: uuid('project_id'),
    subjectId: text('subject_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_project_at_idx').on(t.projectId, t.at)],
);
