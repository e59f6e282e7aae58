/** SQL for versioned field schemas. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { fieldSchemas, tasks, transcriptions } from '../db/schema.js';

export type FieldSchemaRow = typeof fieldSchemas.$inferSelect;

/** The latest version of a project's schema. */
export async function latestSchema(db: DbOrTx, projectId: string): Promise<FieldSchemaRow | undefined> {
  const rows = await db
    .select()
    .from(fieldSchemas)
    .where(eq(fieldSchemas.projectId, projectId))
    .orderBy(desc(fieldSchemas.version))
    .limit(1);
  return rows[0];
}

/** One schema version by id. */
export async function schemaById(db: DbOrTx, id: string): Promise<FieldSchemaRow | undefined> {
  const rows = await db.select().from(fieldSchemas).where(eq(fieldSchemas.id, id)).limit(1);
  return rows[0];
}

/** True when any transcription was made against this version. */
export async function schemaInUse(db: DbOrTx, schemaId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(transcriptions)
    .where(eq(transcriptions.schemaId, schemaId))
    .limit(1);
  return rows.length > 0;
}

/** Inserts a version. */
export async function insertSchema(
  db: DbOrTx,
  values: { projectId: string; version: number; definition: unknown; createdBy: string | null },
): Promise<FieldSchemaRow> {
  const [row] = await db.insert(fieldSchemas).values(values).returning();
  return row!;
}

/** Replaces the definition of a version nobody transcribed yet. */
export async function updateSchemaDefinition(
  db: DbOrTx,
  id: string,
  definition: unknown,
): Promise<FieldSchemaRow> {
  const [row] = await db.update(fieldSchemas).set({ definition }).where(eq(fieldSchemas.id, id)).returning();
  return row!;
}

/** Points untouched tasks (no transcription yet) at a new version. */
export async function moveUntouchedTasks(db: DbOrTx, projectId: string, schemaId: string): Promise<void> {
  await db
    .update(tasks)
    .set({ schemaId, updatedAt: new Date() })
    .where(and(eq(tasks.projectId, projectId), eq(tasks.doneCount, 0), eq(tasks.isGold, false)));
}
