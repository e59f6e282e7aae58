/** Editors curate canonical names: merge duplicates, split wrongly joined aliases, rename. Audited. */
import type { Tx } from '../db/client.js';
import { foldEntity } from '../crowd/domain/index.js';
import { AppError, notFound } from '../errors.js';
import {
  addAlias,
  auditEntity,
  entitiesByIds,
  insertEntityWithAlias,
  mergeInto,
  moveAliases,
  renameEntity,
} from './repository.js';

interface Actor {
  projectId: string;
  editorId: string;
}

async function live(tx: Tx, a: Actor, ids: string[]) {
  const rows = await entitiesByIds(tx, a.projectId, ids);
  if (rows.length !== new Set(ids).size || rows.some((r) => r.mergedInto)) throw notFound('Entity');
  return rows;
}

/** Merges `from` into `into` (same kind); the merged ones keep a pointer for history. */
export async function mergeEntities(tx: Tx, a: Actor, into: string, from: string[]): Promise<void> {
  const sources = from.filter((f) => f !== into);
  if (!sources.length) throw new AppError('conflict', 'Nothing to merge');
  const rows = await live(tx, a, [into, ...sources]);
  if (new Set(rows.map((r) => r.kind)).size > 1)
    throw new AppError('conflict', 'Only entities of one kind can be merged');
  await mergeInto(tx, into, sources);
  await auditEntity(tx, {
    type: 'entity.merged',
    actorId: a.editorId,
    projectId: a.projectId,
    subjectId: into,
    data: { from: sources, names: rows.map((r) => r.name) },
  });
}

/** Moves some aliases of an entity to a new entity named `name`. */
export async function splitEntity(tx: Tx, a: Actor, entityId: string, aliasIds: string[], name: string) {
  const [entity] = await live(tx, a, [entityId]);
  const created = await insertEntityWithAlias(tx, {
    projectId: a.projectId,
    kind: entity!.kind,
    name,
    folded: foldEntity(name),
  });
  const moved = await moveAliases(tx, aliasIds, entityId, created.id);
  if (moved !== aliasIds.length) throw new AppError('conflict', 'Some aliases do not belong to this entity');
  await auditEntity(tx, {
    type: 'entity.split',
    actorId: a.editorId,
    projectId: a.projectId,
    subjectId: entityId,
    data: { into: created.id, aliasIds, name },
  });
  return created;
}

/** Renames an entity; the new name becomes an alias too. */
export async function renameEntityAs(tx: Tx, a: Actor, entityId: string, name: string): Promise<void> {
  const [entity] = await live(tx, a, [entityId]);
  await renameEntity(tx, entityId, name);
  await addAlias(tx, entityId, name, foldEntity(name));
  await auditEntity(tx, {
    type: 'entity.renamed',
    actorId: a.editorId,
    projectId: a.projectId,
    subjectId: entityId,
    data: { from: entity!.name, to: name },
  });
}
