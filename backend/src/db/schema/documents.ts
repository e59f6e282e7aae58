/** Documents, their pages and the durable job queue that processes them. */
import {
  bigint,
  bigserial,
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
import { tsvector, id, createdAt, updatedAt, ownedBy } from './columns.js';
import { users } from './accounts.js';
import { projects } from './projects.js';

export const documents = pgTable(
  'documents',
  {
    id: id(),
    projectId: ownedBy('project_id', () => projects.id),
    originalFilename: text('original_filename').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    pageCount: integer('page_count'),
    pagesDone: integer('pages_done').notNull().default(0),
    status: text('status', { enum: ['uploaded', 'processing', 'ready', 'failed'] })
      .notNull()
      .default('uploaded'),
    stage: text('stage'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('documents_project_sha_key').on(t.projectId, t.sha256),
    index('documents_project_status_idx').on(t.projectId, t.status),
  ],
);

export const pages = pgTable(
  'pages',
  {
    id: id(),
    documentId: ownedBy('document_id', () => documents.id),
    number: integer('number').notNull(),
    width: real('width').notNull(),
    height: real('height').notNull(),
    displayKey: text('display_key'),
    displayWidth: integer('display_width'),
    displayHeight: integer('display_height'),
    thumbnailKey: text('thumbnail_key'),
    textSource: text('text_source', { enum: ['text-layer', 'ocr'] }),
    text: text('text'),
    words: jsonb('words').$type<unknown[]>(),
    meanConfidence: real('mean_confidence'),
    tsv: tsvector('tsv'),
    status: text('status', { enum: ['pending', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('pages_document_number_key').on(t.documentId, t.number),
    index('pages_tsv_idx').using('gin', t.tsv),
  ],
);

export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupKey: text('dedup_key'),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('jobs_dedup_key').on(t.dedupKey), index('jobs_ready_idx').on(t.status, t.runAfter)],
);
