/** Where one published record came from: document, page, region, page image, agreement, review. */
import type { Provenance } from '../contracts/open-data.js';
import type { DbOrTx } from '../db/client.js';
import { notFound } from '../errors.js';
import { findProvenance } from './repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The provenance of a record of a project, or 404. */
export async function traceProvenance(
  deps: { db: DbOrTx },
  project: { id: string },
  recordId: string,
): Promise<Provenance> {
  if (!UUID.test(recordId)) throw notFound('Record');
  const row = await findProvenance(deps.db, project.id, recordId);
  if (!row) throw notFound('Record');
  const page = row.page_number ?? (row.page_id ? 1 : null);
  return {
    recordId: row.id,
    document: {
      id: row.document_id,
      filename: row.original_filename,
      sha256: row.sha256,
      pageCount: row.page_count,
    },
    page,
    region: row.region ?? null,
    cropUrl: row.page_id && page ? `/api/v1/documents/${row.document_id}/pages/${page}/image` : null,
    agreement: Number(row.agreement),
    contributors: row.contributor_count,
    reviewed: row.reviewed,
    verifiedAt: new Date(row.verified_at).toISOString(),
  };
}
