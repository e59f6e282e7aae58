/**
 * The whole Cotejo domain as Drizzle tables (DESIGN.md "Domain"). Migrations are generated from
 * this file by drizzle-kit (`npm run db:generate -w backend`) and committed under backend/drizzle.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** A required reference to the row that owns this one: deleting the owner deletes it. */
const ownedBy = (column: string, target: () => AnyPgColumn) =>
  uuid(column).notNull().references(target, { onDelete: 'cascade' });

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['admin', 'editor', 'volunteer'] })
      .notNull()
      .default('volunteer'),
    isGuest: boolean('is_guest').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    reliabilityAgree: real('reliability_agree').notNull().default(0),
    reliabilityTotal: real('reliability_total').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const organizations = pgTable('organizations', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    organizationId: ownedBy('organization_id', () => organizations.id),
    userId: ownedBy('user_id', () => users.id),
    role: text('role', { enum: ['owner', 'editor'] })
      .notNull()
      .default('editor'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: ownedBy('user_id', () => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: ownedBy('user_id', () => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  scopes: jsonb('scopes').$type<string[]>().notNull().default(['read']),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const authAttempts = pgTable(
  'auth_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('auth_attempts_key_idx').on(t.key, t.at)],
);

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
  },
  (t) => [
    index('records_project_idx').on(t.projectId, t.verifiedAt),
    uniqueIndex('records_task_row_key').on(t.taskId, t.rowIndex),
    index('records_document_page_idx').on(t.documentId, t.pageNumber),
  ],
);

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

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});

/** One-time links that let an account join an organization; only the token's hash is kept. */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    organizationId: ownedBy('organization_id', () => organizations.id),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'editor'] })
      .notNull()
      .default('editor'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_organization_idx').on(t.organizationId)],
);
