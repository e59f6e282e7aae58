/** The crowd benchmark's project: a small live schema and many one-page documents with their tasks. */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { documents, organizations, pages, projects, tasks } from '../db/schema.js';
import { saveSchema } from '../schemas/save-schema.js';
import { insertUser } from '../users/repository.js';

export const BENCH_SCHEMA = {
  fields: [
    { key: 'fecha', label: 'Fecha', type: 'date', required: true },
    { key: 'proveedor', label: 'Proveedor', type: 'text' },
    { key: 'importe', label: 'Importe', type: 'money', required: true },
  ],
  checks: [],
};

/** What each benchmark document says (the same for all: volunteers type it, sometimes wrongly). */
export const BENCH_VALUES = { fecha: '05/03/2024', proveedor: 'Librería Sur S.A.', importe: '1.234,56' };

/** Seeds the project with `documents` documents and one task each; returns its slug. */
export async function seedBenchProject(db: Db, documentCount: number): Promise<string> {
  const slug = `bench-${randomBytes(4).toString('hex')}`;
  const [org] = await db.insert(organizations).values({ slug, name: 'Bench' }).returning();
  const [project] = await db
    .insert(projects)
    .values({ organizationId: org!.id, slug, title: 'Crowd bench', status: 'live' })
    .returning();
  const editor = await insertUser(db, { displayName: 'Bench editor', role: 'editor' });
  const schema = await db.transaction((tx) =>
    saveSchema(tx, { projectId: project!.id, definition: BENCH_SCHEMA, editorId: editor.id }),
  );
  for (let start = 0; start < documentCount; start += 500) {
    const n = Math.min(500, documentCount - start);
    const docs = await db
      .insert(documents)
      .values(
        Array.from({ length: n }, (_, i) => ({
          projectId: project!.id,
          originalFilename: `b${start + i}.pdf`,
          sha256: randomBytes(16).toString('hex'),
          bytes: 1,
          storageKey: `bench/${start + i}`,
          pageCount: 1,
          status: 'ready' as const,
        })),
      )
      .returning({ id: documents.id });
    const text = `Fecha ${BENCH_VALUES.fecha} ${BENCH_VALUES.proveedor} Importe $ ${BENCH_VALUES.importe}`;
    await db.insert(pages).values(
      docs.map((d) => ({
        documentId: d.id,
        number: 1,
        width: 595,
        height: 842,
        text,
        textSource: 'text-layer' as const,
        status: 'done' as const,
      })),
    );
    await db
      .insert(tasks)
      .values(
        docs.map((d) => ({ projectId: project!.id, documentId: d.id, schemaId: schema.schemaId, needed: 2 })),
      );
  }
  // A deployment’s autovacuum keeps planner statistics; a freshly seeded table has none. The tables
  // the bench fills (leases, transcriptions, …) stay unanalysed: statistics of them empty would
  // plan every lookup as a scan of an empty table.
  await db.execute(sql`analyze tasks, pages, documents, users`);
  return slug;
}
