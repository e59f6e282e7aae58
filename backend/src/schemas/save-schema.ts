/** Saving a project's field schema: a version already used by a transcription is never edited. */
import { validateFieldSchema, type FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { SchemaView } from '../contracts/tasks.js';
import type { Tx } from '../db/client.js';
import { AppError } from '../errors.js';
import {
  insertSchema,
  latestSchema,
  moveUntouchedTasks,
  schemaInUse,
  updateSchemaDefinition,
} from './repository.js';
import { forgetSchema } from './cached.js';

/** Parses a stored definition (stored ones were validated when saved). */
export function parseStoredSchema(definition: unknown): FieldSchemaDefinition {
  const result = validateFieldSchema(definition);
  if (!result.ok) throw new AppError('internal_error', 'A stored field schema is invalid', result.errors);
  return result.schema;
}

/** Validates and saves; returns the version now in force and whether it is a new one. */
export async function saveSchema(
  tx: Tx,
  input: { projectId: string; definition: unknown; editorId: string },
): Promise<SchemaView> {
  const checked = validateFieldSchema(input.definition);
  if (!checked.ok) {
    const issues = checked.errors.map((e) => ({ path: e.path.join('.'), code: e.code, message: e.message }));
    throw new AppError('validation_failed', `Invalid field schema: ${issues[0]?.message ?? ''}`, { issues });
  }
  const latest = await latestSchema(tx, input.projectId);
  if (latest && !(await schemaInUse(tx, latest.id))) {
    forgetSchema(latest.id);
    const row = await updateSchemaDefinition(tx, latest.id, checked.schema);
    return { schema: checked.schema, schemaId: row.id, version: row.version, createdNewVersion: false };
  }
  const row = await insertSchema(tx, {
    projectId: input.projectId,
    version: (latest?.version ?? 0) + 1,
    definition: checked.schema,
    createdBy: input.editorId,
  });
  await moveUntouchedTasks(tx, input.projectId, row.id);
  return {
    schema: checked.schema,
    schemaId: row.id,
    version: row.version,
    createdNewVersion: latest !== undefined,
  };
}
