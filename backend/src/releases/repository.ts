/** SQL for dataset releases (insert and read only: a release never changes). */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { releases } from '../db/schema.js';

export type ReleaseRow = typeof releases.$inferSelect;

/** The releases of a project, newest first. */
export function listReleases(db: DbOrTx, projectId: string): Promise<ReleaseRow[]> {
  return db
    .select()
    .from(releases)
    .where(eq(releases.projectId, projectId))
    .orderBy(desc(releases.publishedAt));
}

/** One release by version, or the newest one for `latest`. */
export async function findRelease(
  db: DbOrTx,
  projectId: string,
  version: string,
): Promise<ReleaseRow | undefined> {
  const where =
    version === 'latest'
      ? eq(releases.projectId, projectId)
      : and(eq(releases.projectId, projectId), eq(releases.version, version));
  const rows = await db.select().from(releases).where(where).orderBy(desc(releases.publishedAt)).limit(1);
  return rows[0];
}

/** Records a published release. */
export async function insertRelease(db: DbOrTx, values: typeof releases.$inferInsert): Promise<ReleaseRow> {
  const [row] = await db.insert(releases).values(values).returning();
  return row!;
}
