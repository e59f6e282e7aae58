/**
 * Field schemas for the hot paths (lease and submit), parsed once. A version is edited in place only
 * while no transcription uses it (save-schema.ts); such an edit drops the entry here at once, and
 * other processes pick it up within SCHEMA_CACHE_MS.
 */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { DbOrTx } from '../db/client.js';
import { TtlCache } from '../db/memo.js';
import { schemaById, type FieldSchemaRow } from './repository.js';
import { parseStoredSchema } from './save-schema.js';

export const SCHEMA_CACHE_MS = 30_000;

export interface LoadedSchema {
  row: FieldSchemaRow;
  schema: FieldSchemaDefinition;
}

const cache = new TtlCache<string, LoadedSchema & { handle: object }>(SCHEMA_CACHE_MS, 2_000);

/** A schema version with its parsed definition; `handle` is the app's database (the cache key). */
export async function loadSchema(handle: object, db: DbOrTx, id: string): Promise<LoadedSchema | undefined> {
  const hit = cache.get(id);
  if (hit?.handle === handle) return hit;
  const row = await schemaById(db, id);
  if (!row) return undefined;
  const loaded = { handle, row, schema: parseStoredSchema(row.definition) };
  cache.set(id, loaded);
  return loaded;
}

/** Called when a version's definition is edited in place. */
export function forgetSchema(id: string): void {
  cache.delete(id);
}
