/** SQL for entities, their aliases and their audit trail (the append-only events table). */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { entities, entityAliases, events, users } from '../db/schema.js';

export type EntityRow = typeof entities.$inferSelect;

/** The live entity an alias of this kind belongs to. */
export async function findAlias(db: DbOrTx, projectId: string, kind: string, folded: string) {
  const rows = await db
    .select({ entityId: entities.id })
    .from(entityAliases)
    .innerJoin(entities, eq(entities.id, entityAliases.entityId))
    .where(
      and(
        eq(entities.projectId, projectId),
        eq(entities.kind, kind),
        eq(entityAliases.folded, folded),
        isNull(entities.mergedInto),
      ),
    )
    .limit(1);
  return rows[0];
}

/** A new entity whose first alias is its name. */
export async function insertEntityWithAlias(
  db: DbOrTx,
  v: { projectId: string; kind: string; name: string; folded: string },
): Promise<EntityRow> {
  const [entity] = await db
    .insert(entities)
    .values({ projectId: v.projectId, kind: v.kind, name: v.name })
    .returning();
  await db
    .insert(entityAliases)
    .values({ entityId: entity!.id, alias: v.name, folded: v.folded })
    .onConflictDoNothing();
  return entity!;
}

/** Adds an alias (no-op when present). */
export async function addAlias(db: DbOrTx, entityId: string, alias: string, folded: string): Promise<void> {
  await db.insert(entityAliases).values({ entityId, alias, folded }).onConflictDoNothing();
}

/** Fuzzy suggestions by trigram similarity of folded aliases (pg_trgm). */
export async function suggestEntities(
  db: DbOrTx,
  projectId: string,
  kind: string,
  folded: string,
  limit = 10,
) {
  const score = sql<number>`max(similarity(${entityAliases.folded}, ${folded}))`;
  return db
    .select({ id: entities.id, name: entities.name, score })
    .from(entities)
    .innerJoin(entityAliases, eq(entityAliases.entityId, entities.id))
    .where(
      and(
        eq(entities.projectId, projectId),
        eq(entities.kind, kind),
        isNull(entities.mergedInto),
        sql`(${entityAliases.folded} % ${folded} or ${entityAliases.folded} like ${'%' + folded + '%'})`,
      ),
    )
    .groupBy(entities.id, entities.name)
    .orderBy(desc(score), asc(entities.name))
    .limit(limit);
}

/** Live entities of a project (optionally one kind) with their aliases. */
export async function listEntities(db: DbOrTx, projectId: string, kind?: string) {
  const rows = await db
    .select({
      id: entities.id,
      kind: entities.kind,
      name: entities.name,
      aliasId: entityAliases.id,
      alias: entityAliases.alias,
    })
    .from(entities)
    .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id))
    .where(
      and(
        eq(entities.projectId, projectId),
        isNull(entities.mergedInto),
        kind ? eq(entities.kind, kind) : sql`true`,
      ),
    )
    .orderBy(asc(entities.kind), asc(entities.name), asc(entityAliases.alias));
  const byId = new Map<
    string,
    { id: string; kind: string; name: string; aliases: { id: string; alias: string }[] }
  >();
  for (const r of rows) {
    const e = byId.get(r.id) ?? { id: r.id, kind: r.kind, name: r.name, aliases: [] };
    if (r.aliasId && r.alias !== null) e.aliases.push({ id: r.aliasId, alias: r.alias });
    byId.set(r.id, e);
  }
  return [...byId.values()];
}

/** Entities of a project by id. */
export async function entitiesByIds(db: DbOrTx, projectId: string, ids: string[]): Promise<EntityRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(entities)
    .where(and(eq(entities.projectId, projectId), inArray(entities.id, ids)));
}

/** Points merged entities at the survivor and moves their aliases. */
export async function mergeInto(db: DbOrTx, into: string, from: string[]): Promise<void> {
  await db.update(entities).set({ mergedInto: into }).where(inArray(entities.id, from));
  // An alias the survivor already has stays with the merged entity (history), the rest move.
  await db.execute(sql`update entity_aliases a set entity_id = ${into}
    where a.entity_id in (${sql.join(
      from.map((f) => sql`${f}`),
      sql`, `,
    )})
      and not exists (select 1 from entity_aliases b where b.entity_id = ${into} and b.folded = a.folded)`);
}

/** Moves aliases to another entity. */
export async function moveAliases(
  db: DbOrTx,
  aliasIds: string[],
  fromEntity: string,
  toEntity: string,
): Promise<number> {
  const rows = await db
    .update(entityAliases)
    .set({ entityId: toEntity })
    .where(and(inArray(entityAliases.id, aliasIds), eq(entityAliases.entityId, fromEntity)))
    .returning({ id: entityAliases.id });
  return rows.length;
}

/** Renames an entity. */
export async function renameEntity(db: DbOrTx, id: string, name: string): Promise<void> {
  await db.update(entities).set({ name }).where(eq(entities.id, id));
}

/** Appends an audit event. */
export async function auditEntity(
  db: DbOrTx,
  e: { type: string; actorId: string; projectId: string; subjectId: string; data: Record<string, unknown> },
): Promise<void> {
  await db.insert(events).values(e);
}

/** The entity audit trail of a project, newest first. */
export async function entityHistory(db: DbOrTx, projectId: string, limit = 100) {
  return db
    .select({
      type: events.type,
      subjectId: events.subjectId,
      data: events.data,
      at: events.at,
      editor: users.displayName,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(and(eq(events.projectId, projectId), sql`${events.type} like 'entity.%'`))
    .orderBy(desc(events.at), desc(events.id))
    .limit(limit);
}
