/**
 * Leasing the next task to a volunteer (guest or account). A lease is an in-flight transcription:
 * live leases never exceed what the task still needs (`tasks.needed`), so no task is ever served
 * beyond its redundancy. On PostgreSQL concurrent callers skip each other's locked rows and the
 * lease count is re-read after the lock; PGlite runs one transaction at a time.
 */
import type { Db, Tx } from '../db/client.js';
import { retryOnDeadlock } from '../db/retry.js';
import { AppError } from '../errors.js';
import type { Clock } from '../http/context.js';
import type { ProjectRow } from '../projects/repository.js';
import type { UserRow } from '../users/repository.js';
import { grantLease, hasOpenGoldTasks, pickCandidate, pickGoldTask, type TaskRow } from './repository.js';

export interface LeaseDeps {
  db: Db;
  clock: Clock;
  /** PostgreSQL: skip rows another transaction has locked. */
  skipLocked: boolean;
  random?: () => number;
}

export const DEFAULT_LEASE_MINUTES = 15;
const MAX_ATTEMPTS = 8;

/** Minutes a lease lasts in a project (settings.leaseMinutes, default 15). */
export function leaseMinutesOf(project: Pick<ProjectRow, 'settings'>): number {
  const m = Number(project.settings.leaseMinutes);
  return Number.isFinite(m) && m > 0 ? m : DEFAULT_LEASE_MINUTES;
}

/** How often a volunteer with this much history gets a gold task: often at first, rarely later. */
export function goldShareFor(user: Pick<UserRow, 'reliabilityTotal'>): number {
  if (user.reliabilityTotal < 20) return 0.3;
  return user.reliabilityTotal < 200 ? 0.05 : 0.01;
}

async function pickRegular(
  tx: Tx,
  deps: LeaseDeps,
  q: { projectId: string; userId: string; now: Date; expiresAt: Date },
): Promise<TaskRow | undefined> {
  const tried: string[] = [];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const task = await pickCandidate(tx, { ...q, exclude: tried, skipLocked: deps.skipLocked });
    if (!task) return undefined;
    if (await grantLease(tx, { ...q, taskId: task.id, needed: task.needed })) return task;
    tried.push(task.id);
  }
  return undefined;
}

/** Leases a task to `user` or throws no_task_available / project_not_live. */
export async function leaseNextTask(
  deps: LeaseDeps,
  project: ProjectRow,
  user: UserRow,
): Promise<{ task: TaskRow; expiresAt: Date }> {
  if (project.status !== 'live')
    throw new AppError('project_not_live', 'This project is not accepting work now');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + leaseMinutesOf(project) * 60_000);
  const q = { projectId: project.id, userId: user.id, now, expiresAt };
  // At most two tasks per person and project: the one in hand and the next one, prefetched so it
  // shows at once after a submit. Each grant ends every older lease (grantLease).
  const leased = await retryOnDeadlock(() =>
    deps.db.transaction(async (tx) => {
      const gold =
        (deps.random ?? Math.random)() < goldShareFor(user) &&
        (await hasOpenGoldTasks(deps.db, tx, project.id))
          ? await pickGoldTask(tx, project.id, user.id)
          : undefined;
      if (gold && (await grantLease(tx, { ...q, taskId: gold.id, needed: null }))) return gold;
      return pickRegular(tx, deps, q);
    }),
  );
  if (!leased) throw new AppError('no_task_available', 'There is no task for you right now');
  return { task: leased, expiresAt };
}
