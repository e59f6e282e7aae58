/**
 * Streams every verified record of a project through one or more sinks, reading the database in
 * keyset pages (never the whole table, and no long transaction: PGlite has one connection).
 */
import type { DbOrTx } from '../db/client.js';
import { findRecordsPage } from '../open-data/repository.js';
import type { ExportSink } from './sinks.js';

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
