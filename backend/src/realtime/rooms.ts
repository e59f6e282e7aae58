/** Who may join which room. */
import { eq } from 'drizzle-orm';
import { canManageOrganization } from '../auth/policy.js';
import type { JoinAck } from '../contracts/events.js';
import type { DbOrTx } from '../db/client.js';
import { documents, leases, projects, tasks, transcriptions } from '../db/schema.js';
import type { UserRow } from '../users/repository.js';
import { and } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const denied = (message: string): JoinAck => ({ ok: false, error: { code: 'forbidden', message } });

/** Decides a join: public projects are open to all, a user room to its user, the rest to editors. */
export async function authorizeRoom(db: DbOrTx, user: UserRow | null, room: string): Promise<JoinAck> {
  const [kind, id] = room.split(/:(.*)/s) as [string, string | undefined];
  if (!id) return denied('Unknown room');
  if (kind === 'user') return user && user.id === id ? { ok: true } : denied('That is not your room');
  if (kind === 'project') {
    const [project] = await db.select().from(projects).where(eq(projects.slug, id)).limit(1);
    return project &&
      (project.status !== 'draft' || (await canManageOrganization(db, user, project.organizationId)))
      ? { ok: true }
      : denied('No such project');
  }
  if (!UUID.test(id)) return denied('Unknown room');
  if (kind === 'document') {
    const [row] = await db
      .select({ status: projects.status, organizationId: projects.organizationId })
      .from(documents)
      .innerJoin(projects, eq(projects.id, documents.projectId))
      .where(eq(documents.id, id))
      .limit(1);
    return row && (row.status !== 'draft' || (await canManageOrganization(db, user, row.organizationId)))
      ? { ok: true }
      : denied('No such document');
  }
  if (kind === 'task') return authorizeTaskRoom(db, user, id);
  return denied('Unknown room');
}

async function authorizeTaskRoom(db: DbOrTx, user: UserRow | null, taskId: string): Promise<JoinAck> {
  if (!user) return denied('Sign in first');
  const [task] = await db
    .select({ organizationId: projects.organizationId })
    .from(tasks)
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .where(eq(tasks.id, taskId))
    .limit(1);
  if (!task) return denied('No such task');
  if (await canManageOrganization(db, user, task.organizationId)) return { ok: true };
  const leased = await db
    .select({ id: leases.id })
    .from(leases)
    .where(and(eq(leases.taskId, taskId), eq(leases.userId, user.id)))
    .limit(1);
  const worked = await db
    .select({ id: transcriptions.id })
    .from(transcriptions)
    .where(and(eq(transcriptions.taskId, taskId), eq(transcriptions.userId, user.id)))
    .limit(1);
  return leased.length || worked.length ? { ok: true } : denied('You are not working on this task');
}
