/** A filtered, sorted keyset page of a project's verified records, in any export format. */
import { PassThrough } from 'node:stream';
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { PublicRecord, RecordFormat, RecordsQuery } from '../contracts/open-data.js';
import { publicValues } from '../crowd/record-values.js';
import type { DbOrTx } from '../db/client.js';
import { sinkFor } from '../exports/sinks.js';
import { exportLayout, type ExportLayout, type ExportRecord } from './columns.js';
import { decodeCursor, encodeCursor, parseFilters, parseSort, queryFields } from './filters.js';
import { findRecordsPage, latestSchema } from './repository.js';

export interface RecordsPageResult {
  schema: FieldSchemaDefinition | null;
  layout: ExportLayout;
  records: Array<ExportRecord & { verifiedAt: Date }>;
  nextCursor: string | null;
}

/** Reads one page; `rawQuery` carries the per-field filters (`f.key`, `min.key`, …). */
export async function listRecords(
  deps: { db: DbOrTx },
  projectId: string,
  query: RecordsQuery,
  rawQuery: Record<string, unknown>,
): Promise<RecordsPageResult> {
  const schema = await latestSchema(deps.db, projectId);
  const fields = queryFields(schema);
  const spec = {
    ...parseFilters(fields, rawQuery),
    q: query.q,
    sort: parseSort(fields, query.sort),
    after: decodeCursor(query.cursor),
  };
  const textFields = [...fields.values()].filter((f) => f.kind === 'text');
  const rows = await findRecordsPage(deps.db, projectId, spec, query.limit + 1, textFields);
  const records = rows.slice(0, query.limit);
  const last = records[records.length - 1];
  return {
    schema,
    layout: exportLayout(schema),
    records,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sortValue, last.id) : null,
  };
}

/** The page as JSON: public values as the schema nests them, provenance beside them. */
export const pageObjects = (page: RecordsPageResult): PublicRecord[] =>
  page.records.map((r) => ({
    id: r.id,
    documentId: r.documentId,
    verifiedAt: r.verifiedAt.toISOString(),
    values: page.schema ? publicValues(page.schema, r.values) : {},
    provenance: {
      documentId: r.documentId,
      documentFile: r.documentFile,
      sourceSha256: r.sourceSha256,
      page: r.page,
      agreement: r.agreement,
      contributors: r.contributors,
      reviewed: r.reviewed,
      verifiedAt: r.verifiedAt.toISOString(),
    },
  }));

/** The page rendered in a file format (small: at most 500 records). */
export async function renderPage(
  page: RecordsPageResult,
  format: Exclude<RecordFormat, 'json'>,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  const sink = sinkFor(format, out, page.layout, null);
  await sink.begin();
  await sink.page(page.records);
  await sink.end();
  out.end();
  await done;
  return Buffer.concat(chunks);
}
