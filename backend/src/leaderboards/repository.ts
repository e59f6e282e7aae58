/** SQL for leaderboards, contributions and published records. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { memberships, organizations, records, tasks, transcriptions, users } from '../db/schema.js';

const counted = sql<number>`count(*)::int`;
const verified = sql<number>`(count(*) filter (where ${tasks.status} = 'complete'))::int`;

/** People by transcriptions in a project (gold excluded). */
export async function peopleBoard(db: DbOrTx, projectId: string, limit = 50) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      isGuest: users.isGuest,
      transcriptions: counted,
      verified,
    })
    .from(transcriptions)
    .innerJoin(tasks, eq(tasks.id, transcriptions.taskId))
    .innerJoin(users, eq(users.id, transcriptions.userId))
    .where(and(eq(tasks.projectId, projectId), eq(transcriptions.isGold, false)))
    .groupBy(users.id, users.displayName, users.isGuest)
    .orderBy(desc(counted), users.displayName)
    .limit(limit);
}

/** Organizations by their members' transcriptions in a project. */
export async function organizationBoard(db: DbOrTx, projectId: string, limit = 50) {
  return db
    .select({ name: organizations.name, slug: organizations.slug, transcriptions: counted, verified })
    .from(transcriptions)
    .innerJoin(tasks, eq(tasks.id, transcriptions.taskId))
    .innerJoin(memberships, eq(memberships.userId, transcriptions.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(tasks.projectId, projectId), eq(transcriptions.isGold, false)))
    .groupBy(organizations.id, organizations.name, organizations.slug)
    .orderBy(desc(counted), organizations.name)
    .limit(limit);
}

/** A person's transcription count. */
export async function transcriptionCount(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .select({ n: counted })
    .from(transcriptions)
    .where(and(eq(transcriptions.userId, userId), eq(transcriptions.isGold, false)));
  return rows[0]?.n ?? 0;
}

const recordColumns = {
  id: records.id,
  projectId: records.projectId,
  documentId: records.documentId,
  pageNumber: records.pageNumber,
  values: records.values,
  agreement: records.agreement,
  contributorCount: records.contributorCount,
  reviewed: records.reviewed,
  verifiedAt: records.verifiedAt,
  schemaId: tasks.schemaId,
};

/** Latest verified records a person contributed to. */
export async function recordsOfContributor(db: DbOrTx, userId: string, limit = 20) {
  return db
    .select(recordColumns)
    .from(records)
    .innerJoin(tasks, eq(tasks.id, records.taskId))
    .innerJoin(
      transcriptions,
      and(eq(transcriptions.taskId, records.taskId), eq(transcriptions.userId, userId)),
    )
    .orderBy(desc(records.verifiedAt), desc(records.id))
    .limit(limit);
}

/** Latest verified records of a project. */
export async function latestRecords(db: DbOrTx, projectId: string, limit: number) {
  return db
    .select(recordColumns)
    .from(records)
    .innerJoin(tasks, eq(tasks.id, records.taskId))
    .where(eq(records.projectId, projectId))
    .orderBy(desc(records.verifiedAt), desc(records.id))
    .limit(limit);
}
