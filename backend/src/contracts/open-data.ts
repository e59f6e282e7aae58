/** The researcher API's queries and answers (records, aggregates, provenance, stats, search). */
import { z } from 'zod';

export const recordFormat = z.enum(['json', 'csv', 'ndjson', 'xlsx']);
export type RecordFormat = z.infer<typeof recordFormat>;

/** Fixed query parameters of GET /projects/{slug}/records; per-field filters are `f.<key>`, `min.<key>`… */
export const recordsQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  sort: z
    .string()
    .regex(/^-?[a-z][a-z0-9_]{0,62}$/)
    .optional()
    .describe('a public field key or `verified_at`; `-key` for descending (default `-verified_at`)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional().describe('opaque; `nextCursor` of the previous page'),
  format: recordFormat.default('json'),
});
export type RecordsQuery = z.infer<typeof recordsQuery>;

/** One published record in JSON: public values as the schema nests them (money as {amount, currency}). */
export const publicRecord = z.object({
  id: z.string(),
  documentId: z.string(),
  verifiedAt: z.string(),
  values: z.record(z.string(), z.unknown()),
  provenance: z.object({
    documentId: z.string(),
    documentFile: z.string(),
    sourceSha256: z.string(),
    page: z.number().int().nullable(),
    agreement: z.number(),
    contributors: z.number().int(),
    reviewed: z.boolean(),
    verifiedAt: z.string(),
  }),
});
export type PublicRecord = z.infer<typeof publicRecord>;

export const exportColumn = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'integer', 'date', 'boolean']),
  title: z.string().optional(),
});
export type ExportColumnInfo = z.infer<typeof exportColumn>;

export const recordsPage = z.object({
  records: z.array(publicRecord),
  columns: z.array(exportColumn).describe('the columns of format=csv (the same as a release CSV)'),
  nextCursor: z.string().nullable(),
});
export type RecordsPage = z.infer<typeof recordsPage>;

export const aggregateQuery = z.object({
  groupBy: z
    .string()
    .regex(/^([a-z][a-z0-9_]{0,62}|month\([a-z][a-z0-9_]{0,62}\))$/)
    .describe('a field key, or `month(<date field>)`'),
  sum: z.string().optional(),
  avg: z.string().optional(),
  min: z.string().optional(),
  max: z.string().optional(),
  count: z.string().optional().describe('present (any value) to count records per group'),
  q: z.string().trim().min(1).max(200).optional().describe('full-text filter, as on the records list'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AggregateQuery = z.infer<typeof aggregateQuery>;

/** Decimal metrics are exact decimal strings (never floats). */
export const aggregateGroup = z.object({
  key: z.string().nullable(),
  currency: z.string().nullable().optional(),
  count: z.number().int().optional(),
  sum: z.string().nullable().optional(),
  avg: z.string().nullable().optional(),
  min: z.string().nullable().optional(),
  max: z.string().nullable().optional(),
});
export const aggregateResult = z.object({ groupBy: z.string(), groups: z.array(aggregateGroup) });
export type AggregateGroup = z.infer<typeof aggregateGroup>;
export type AggregateResult = z.infer<typeof aggregateResult>;

export const provenance = z.object({
  recordId: z.string(),
  document: z.object({
    id: z.string(),
    filename: z.string(),
    sha256: z.string(),
    pageCount: z.number().nullable(),
  }),
  page: z.number().int().nullable(),
  region: z.unknown().nullable(),
  cropUrl: z.string().nullable().describe('page image of the source page (the region is in `region`)'),
  agreement: z.number(),
  contributors: z.number().int(),
  reviewed: z.boolean(),
  verifiedAt: z.string(),
});
export type Provenance = z.infer<typeof provenance>;

export const projectStats = z.object({
  records: z.number().int(),
  documents: z.number().int(),
  volunteers: z.number().int(),
  totals: z.array(z.object({ field: z.string(), currency: z.string().nullable(), amount: z.string() })),
});
export type ProjectStats = z.infer<typeof projectStats>;

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  project: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchHit = z.object({
  project: z.object({ slug: z.string(), title: z.string() }),
  document: z.object({ id: z.string(), filename: z.string() }),
  page: z.number().int(),
  rank: z.number(),
  snippet: z.string().describe('HTML-escaped text; matches wrapped in <mark>…</mark>'),
});
export const searchResult = z.object({ hits: z.array(searchHit) });
export type SearchHit = z.infer<typeof searchHit>;
