/** The crowd engine: tasks, leases, transcriptions, per-field results, records, reviews, entities. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, createdAt, updatedAt, ownedBy } from './columns.js';
import { users } from './accounts.js';
import { documents } from './documents.js';
import { fieldSchemas, projects } from './projects.js';

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    projectId: ownedBy('project_id', () => projects.id),
    documentId: ownedBy('document_id', () => documents.id),
    pageNumber: integer('page_number'),
    schemaId: uuid('schema_id').references(() => fieldSchemas.id),
    status: text('status', { enum: ['open', 'complete', 'review'] })
      .notNull()
      .default('open'),
    isGold: boolean('is_gold').notNull().default(false),
    goldValues: jsonb('gold_values').$type<Record<string, unknown>>(),
    priority: integer('priority').notNull().default(0),
    wantedFields: jsonb('wanted_fields').$type<string[]>(),
    needed: integer('needed').notNull().default(2),
    doneCount: integer('done_count').notNull().default(0),
    /**
     * Lease rows on the task and the earliest of their expiry times, kept by triggers on leases
     * (migration 0008): the scheduler passes over tasks whose slots are all leased without counting
     * their leases, and counts only where a lease may have expired.
     */
    leased: integer('leased').notNull().default(0),
    leaseMinExpiry: timestamp('lease_min_expiry', { withTimezone: true }),
    /** Why the task waits for an editor (fields without agreement, failed cross-field checks). */
    reviewReasons: jsonb('review_reasons').$type<unknown[]>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_project_status_idx').on(t.projectId, t.status),
    // The scheduler walks open tasks in this order and stops at the first it may lease.
    index('tasks_schedule_idx')
      .on(t.projectId, t.needed, t.priority.desc(), t.createdAt, t.id)
      .where(sql`${t.status} = 'open' and ${t.isGold} = false`),
  ],
);

export const leases = pgTable(
  'leases',
  {
    id: id(),
    taskId: ownedBy('task_id', () => tasks.id),
    userId: ownedBy('user_id', () => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('leases_task_user_key').on(t.taskId, t.userId),
    index('leases_expires_idx').on(t.expiresAt),
    // A person's own leases: the scheduler passes over tasks they hold, a grant ends their older ones.
    index('leases_user_idx').on(t.userId),
  ],
);

export const transcriptions = pgTable(
  'transcriptions',
  {
    id: id(),
    taskId: ownedBy('task_id', () => tasks.id),
    userId: ownedBy('user_id', () => users.id),
    schemaId: uuid('schema_id').references(() => fieldSchemas.id),
    clientSubmissionId: text('client_submission_id').notNull().unique(),
    rawValues: jsonb('raw_values').$type<Record<string, unknown>>().notNull(),
    normalizedValues: jsonb('normalized_values').$type<Record<string, unknown>>().notNull(),
    markers: jsonb('markers').$type<Record<string, string>>().notNull().default({}),
    sources: jsonb('sources').$type<Record<string, string>>().notNull().default({}),
    secondsSpent: integer('seconds_spent'),
    isGold: boolean('is_gold').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('transcriptions_task_user_key').on(t.taskId, t.userId),
    index('transcriptions_user_idx').on(t.userId),
  ],
);

export const fieldResults = pgTable(
  'field_results',
  {
    id: id(),
    taskId: ownedBy('task_id', () => tasks.id),
    fieldPath: text('field_path').notNull(),
    status: text('status', { enum: ['pending', 'verified', 'disputed', 'needs_review', 'reviewed'] })
      .notNull()
      .default('pending'),
    value: jsonb('value').$type<unknown>(),
    support: real('support').notNull().default(0),
    contributors: integer('contributors').notNull().default(0),
    confidence: real('confidence'),
    candidates: jsonb('candidates').$type<unknown[]>().notNull().default([]),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('field_results_task_path_key').on(t.taskId, t.fieldPath)],
);

export const records = pgTable(
  'records',
  {
    id: id(),
    projectId: ownedBy('project_id', () => projects.id),
    taskId: ownedBy('task_id', () => tasks.id),
    documentId: ownedBy('document_id', () => documents.id),
    pageNumber: integer('page_number'),
    rowIndex: integer('row_index'),
    region: jsonb('region').$type<unknown>(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    agreement: real('agreement').notNull(),
    contributorCount: integer('contributor_count').notNull(),
    reviewed: boolean('reviewed').notNull().default(false),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set by the crowd engine's insert: the record joins the project's rollup when its transaction
     * commits (a deferred trigger, migration 0009), so the rollup rows every record of a project
     * shares are locked only while it commits. False once counted.
     */
    rollupPending: boolean('rollup_pending').notNull().default(false),
  },
  (t) => [
    index('records_project_idx').on(t.projectId, t.verifiedAt),
    uniqueIndex('records_task_row_key').on(t.taskId, t.rowIndex),
    index('records_document_page_idx').on(t.documentId, t.pageNumber),
  ],
);

export const reviews = pgTable('reviews', {
  id: id(),
  projectId: ownedBy('project_id', () => projects.id),
  taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
  fieldPath: text('field_path'),
  editorId: uuid('editor_id')
    .notNull()
    .references(() => users.id),
  action: text('action', { enum: ['decide', 'override', 'reopen', 'check_accept'] }).notNull(),
  previousValue: jsonb('previous_value').$type<unknown>(),
  value: jsonb('value').$type<unknown>(),
  note: text('note'),
  createdAt: createdAt(),
});

export const entities = pgTable(
  'entities',
  {
    id: id(),
    projectId: ownedBy('project_id', () => projects.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    mergedInto: uuid('merged_into'),
    createdAt: createdAt(),
  },
  (t) => [index('entities_project_kind_idx').on(t.projectId, t.kind)],
);

export const entityAliases = pgTable(
  'entity_aliases',
  {
    id: id(),
    entityId: ownedBy('entity_id', () => entities.id),
    alias: text('alias').notNull(),
    folded: text('folded').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('entity_aliases_entity_folded_key').on(t.entityId, t.folded)],
);
