/** Records as the public sees them: provenance plus public fields only (a private field never leaves). */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import { publicValues } from '../crowd/record-values.js';
import type { DbOrTx } from '../db/client.js';
import { schemaById } from '../schemas/repository.js';
import { parseStoredSchema } from '../schemas/save-schema.js';
import type { latestRecords } from './repository.js';

type RecordRow = Awaited<ReturnType<typeof latestRecords>>[number];

/** Public views of records, each filtered by its own schema version. */
export async function presentRecords(db: DbOrTx, rows: RecordRow[]) {
  const schemas = new Map<string, FieldSchemaDefinition>();
  for (const id of new Set(rows.flatMap((r) => (r.schemaId ? [r.schemaId] : [])))) {
    const row = await schemaById(db, id);
    if (row) schemas.set(id, parseStoredSchema(row.definition));
  }
  return rows.map((r) => {
    const schema = r.schemaId ? schemas.get(r.schemaId) : undefined;
    return {
      id: r.id,
      values: schema ? publicValues(schema, r.values) : {},
      provenance: {
        documentId: r.documentId,
        page: r.pageNumber,
        agreement: r.agreement,
        contributors: r.contributorCount,
        reviewed: r.reviewed,
        verifiedAt: r.verifiedAt.toISOString(),
      },
    };
  });
}
