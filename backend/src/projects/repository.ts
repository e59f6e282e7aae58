/** SQL for projects and their progress counters. */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { ProjectProgress } from '../contracts/projects.js';
import type { DbOrTx } from '../db/client.js';
import { cachePerHandle, TtlCache } from '../db/memo.js';
import { documents, organizations, projects, records, tasks, transcriptions } from '../db/schema.js';

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectWithOrg = ProjectRow & { organizationSlug: string; organizationName: string };

const withOrg = {
  project: projects,
  organizationSlug: organizations.slug,
  organizationName: organizations.name,
};

/** One project by slug, with its organization. */
export async function findProjectBySlug(db: DbOrTx, slug: string): Promise<ProjectWithOrg | undefined> {
  const rows = await db
    .select(withOrg)
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.organizationId))
    .where(eq(projects.slug, slug))
    .limit(1);
  const row = rows[0];
  return (
    row && { ...row.project, organizationSlug: row.organizationSlug, organizationName: row.organizationName }
  );
}

/**
 * Projects visible to a caller: public ones (live, paused or closed) plus, for editors, every
 * project of their organizations; admins see all.
 */
export async function listVisibleProjects(
  db: DbOrTx,
  viewer: { isAdmin: boolean; organizationIds: string[] },
): Promise<ProjectWithOrg[]> {
  const visible = viewer.isAdmin
    ? sql`true`
    : or(
        inArray(projects.status, ['live', 'paused', 'closed']),
        viewer.organizationIds.length ? inArray(projects.organizationId, viewer.organizationIds) : sql`false`,
      );
  const rows = await db
    .select(withOrg)
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.organizationId))
    .where(visible)
    .orderBy(
      sql`case ${projects.status} when 'live' then 0 when 'paused' then 1 when 'draft' then 2 else 3 end`,
      projects.createdAt,
    );
  return rows.map((r) => ({
    ...r.project,
    organizationSlug: r.organizationSlug,
    organizationName: r.organizationName,
  }));
}

/**
 * Progress of projects as the public pages show it, kept PROGRESS_CACHE_MS per project: the counts
 * grow with a project, and a busy home page would otherwise count every project for every visitor.
 * Editors' own changes read progressOf directly.
 */
export const PROGRESS_CACHE_MS = 2_000;
const progressCacheOf = cachePerHandle<string, ProjectProgress>(PROGRESS_CACHE_MS, 10_000);

export async function cachedProgressOf(
  handle: object,
  db: DbOrTx,
  projectIds: string[],
): Promise<Map<string, ProjectProgress>> {
  const cache = progressCacheOf(handle);
  const result = new Map<string, ProjectProgress>();
  const missing: string[] = [];
  for (const id of projectIds) {
    const hit = cache.get(id);
    if (hit) result.set(id, hit);
    else missing.push(id);
  }
  if (missing.length)
    for (const [id, progress] of await progressOf(db, missing)) {
      cache.set(id, progress);
      result.set(id, progress);
    }
  return result;
}

/** Progress counters for several projects in four grouped queries. */
export async function progressOf(db: DbOrTx, projectIds: string[]): Promise<Map<string, ProjectProgress>> {
  const result = new Map<string, ProjectProgress>();
  for (const id of projectIds) {
    result.set(id, {
      documents: 0,
      documentsReady: 0,
      tasksTotal: 0,
      tasksComplete: 0,
      recordsVerified: 0,
      transcriptions: 0,
    });
  }
  if (!projectIds.length) return result;
  const docs = await db
    .select({
      projectId: documents.projectId,
      total: sql<number>`count(*)::int`,
      ready: sql<number>`(count(*) filter (where ${documents.status} = 'ready'))::int`,
    })
    .from(documents)
    .where(inArray(documents.projectId, projectIds))
    .groupBy(documents.projectId);
  const taskRows = await db
    .select({
      projectId: tasks.projectId,
      total: sql<number>`count(*)::int`,
      complete: sql<number>`(count(*) filter (where ${tasks.status} = 'complete'))::int`,
    })
    .from(tasks)
    .where(and(inArray(tasks.projectId, projectIds), eq(tasks.isGold, false)))
    .groupBy(tasks.projectId);
  const recordRows = await db
    .select({ projectId: records.projectId, total: sql<number>`count(*)::int` })
    .from(records)
    .where(inArray(records.projectId, projectIds))
    .groupBy(records.projectId);
  const transcriptionRows = await db
    .select({ projectId: tasks.projectId, total: sql<number>`count(*)::int` })
    .from(transcriptions)
    .innerJoin(tasks, eq(tasks.id, transcriptions.taskId))
    .where(and(inArray(tasks.projectId, projectIds), eq(transcriptions.isGold, false)))
    .groupBy(tasks.projectId);
  for (const r of docs)
    Object.assign(result.get(r.projectId)!, { documents: r.total, documentsReady: r.ready });
  for (const r of taskRows)
    Object.assign(result.get(r.projectId)!, { tasksTotal: r.total, tasksComplete: r.complete });
  for (const r of recordRows) result.get(r.projectId)!.recordsVerified = r.total;
  for (const r of transcriptionRows) result.get(r.projectId)!.transcriptions = r.total;
  return result;
}

/** Inserts a project. */
export async function insertProject(db: DbOrTx, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

/**
 * Projects by slug for the lease path, kept PROJECT_CACHE_MS: every lease reads its project. An edit
 * (pause, settings) drops the entry at once in this process; other processes see it within that time.
 */
export const PROJECT_CACHE_MS = 2_000;
const projectCache = new TtlCache<string, { handle: object; project: ProjectWithOrg }>(
  PROJECT_CACHE_MS,
  1_000,
);

/** findProjectBySlug through the short cache; `handle` is the app's database. */
export async function cachedProjectBySlug(
  handle: object,
  db: DbOrTx,
  slug: string,
): Promise<ProjectWithOrg | undefined> {
  const hit = projectCache.get(slug);
  if (hit?.handle === handle) return hit.project;
  const project = await findProjectBySlug(db, slug);
  if (project) projectCache.set(slug, { handle, project });
  return project;
}

/** Updates a project by id. */
export async function updateProject(
  db: DbOrTx,
  id: string,
  values: Partial<typeof projects.$inferInsert>,
): Promise<ProjectRow> {
  projectCache.deleteWhere((v) => v.project.id === id);
  const [row] = await db
    .update(projects)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(projects.id, id))
    .returning();
  return row!;
}

/** Finds an organization by slug. */
export async function findOrganizationBySlug(db: DbOrTx, slug: string) {
  const rows = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return rows[0];
}
