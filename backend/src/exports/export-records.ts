/**
 * Streams every verified record of a project through one or more sinks, reading the database in
 * keyset pages (never the whole table, and no long transaction: PGlite has one connection).
 */
import type { Writable } from 'node:stream';
import type { DbOrTx } from '../db/client.js';
import type { ExportColumn } from '../open-data/columns.js';
import { csvLinesPage, findRecordsPage } from '../open-data/repository.js';
import { copyCsvRows, poolOf } from './copy-csv.js';
import { csvLine } from './csv.js';
import type { ExportSink } from './sinks.js';
import { writeChunk } from './zip.js';

export const EXPORT_PAGE_SIZE = 5000;

/** Feeds all records (by id) to every sink; resolves with the number of records read. */
export async function exportRecords(
  deps: { db: DbOrTx },
  projectId: string,
  sinks: ExportSink[],
  pageSize = EXPORT_PAGE_SIZE,
): Promise<number> {
  for (const sink of sinks) await sink.begin();
  let after: string | undefined;
  let total = 0;
  for (;;) {
    const page = await findRecordsPage(
      deps.db,
      projectId,
      { eq: [], ranges: [], after: after ? { value: null, id: after } : undefined },
      pageSize,
    );
    if (!page.length) break;
    for (const sink of sinks) await sink.page(page);
    total += page.length;
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) break;
  }
  for (const sink of sinks) await sink.end();
  return total;
}

/**
 * CSV of every record with the lines built by the database; resolves with the row count. On a
 * PostgreSQL server one COPY streams every row; PGlite (no COPY streaming) reads pages by id.
 */
export async function exportCsvFast(
  deps: { db: DbOrTx },
  projectId: string,
  columns: ExportColumn[],
  version: string | null,
  out: Writable,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<number> {
  await writeChunk(out, csvLine(columns.map((c) => c.name)));
  const pool = poolOf(deps.db);
  if (pool) return copyCsvRows(pool, projectId, columns, version, out);
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page = await csvLinesPage(deps.db, projectId, columns, version, after, pageSize);
    if (page.rows) await writeChunk(out, page.text);
    total += page.rows;
    if (page.rows < pageSize || !page.lastId) break;
    after = page.lastId;
  }
  return total;
}
