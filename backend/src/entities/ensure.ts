/** Canonical names from verified records: every entity value becomes (or joins) an entity by alias. */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { Tx } from '../db/client.js';
import { foldEntity } from '../crowd/domain/index.js';
import { findAlias, insertEntityWithAlias } from './repository.js';

function entityValues(
  schema: FieldSchemaDefinition,
  values: Record<string, unknown>,
): { kind: string; name: string }[] {
  const found: { kind: string; name: string }[] = [];
  for (const f of schema.fields) {
    if (f.type === 'entity' && typeof values[f.key] === 'string')
      found.push({ kind: f.entityKind, name: values[f.key] as string });
    if (f.type !== 'table' || !Array.isArray(values[f.key])) continue;
    for (const col of f.columns) {
      if (col.type !== 'entity') continue;
      for (const row of values[f.key] as Record<string, unknown>[])
        if (typeof row[col.key] === 'string')
          found.push({ kind: col.entityKind, name: row[col.key] as string });
    }
  }
  return found;
}

/** The entity an alias of `name` belongs to, created when none does; returns its id. */
export async function ensureEntity(tx: Tx, projectId: string, kind: string, name: string): Promise<string> {
  const folded = foldEntity(name);
  const found = await findAlias(tx, projectId, kind, folded);
  return found?.entityId ?? (await insertEntityWithAlias(tx, { projectId, kind, name, folded })).id;
}

/** Makes sure each entity value of a record has an entity (a new one when no alias matches). */
export async function ensureEntitiesOf(
  tx: Tx,
  projectId: string,
  schema: FieldSchemaDefinition,
  values: Record<string, unknown>,
): Promise<void> {
  const seen = new Set<string>();
  for (const { kind, name } of entityValues(schema, values)) {
    const folded = foldEntity(name);
    if (!folded || seen.has(`${kind}:${folded}`)) continue;
    seen.add(`${kind}:${folded}`);
    await ensureEntity(tx, projectId, kind, name);
  }
}
