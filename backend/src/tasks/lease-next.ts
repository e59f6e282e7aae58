/**
 * Leasing the next task to a volunteer (guest or account). A lease is an in-flight transcription:
 * live leases never exceed what the task still needs (`tasks.needed`), so no task is ever served
 * beyond its redundancy. Concurrent callers skip each other's locked rows and the lease count is
 * re-read after the lock (in one statement, function cotejo_lease_next); PGlite runs one statement
 * or transaction at a time.
 */
import type { Db } from '../db/client.js';
import { retryOnDeadlock } from '../db/retry.js';
import { AppError } from '../errors.js';
import type { Clock } from '../http/context.js';
import type { ProjectRow } from '../projects/repository.js';
import type { UserRow } from '../users/repository.js';
import type { LeaseBatcher } from './lease-batch.js';
import { grantLease, leaseRegularTask, pickGoldTask } from './lease-repository.js';
import { hasOpenGoldTasks, type TaskRow } from './repository.js';

export interface LeaseDeps {
  db: Db;
  clock: Clock;
  random?: () => number;
  /** Grants regular leases that arrive together in one statement (the HTTP routes' batcher). */
  leases?: LeaseBatcher;
}

export const DEFAULT_LEASE_MINUTES = 15;
/** Candidates a regular pick tries before it gives up (cotejo_lease_next's attempts). */
export const LEASE_ATTEMPTS = 8;

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
  const wantsGold = (deps.random ?? Math.random)() < goldShareFor(user);
  const gold =
    wantsGold && (await hasOpenGoldTasks(deps.db, deps.db, project.id))
      ? await retryOnDeadlock(() =>
          deps.db.transaction(async (tx) => {
            const task = await pickGoldTask(tx, project.id, user.id);
            return task && (await grantLease(tx, { ...q, taskId: task.id, needed: null })) ? task : undefined;
          }),
        )
      : undefined;
  const leased =
    gold ??
    (deps.leases
      ? await deps.leases.lease(q)
      : await retryOnDeadlock(() => leaseRegularTask(deps.db, deps.db, { ...q, attempts: LEASE_ATTEMPTS })));
  if (!leased) throw new AppError('no_task_available', 'There is no task for you right now');
  return { task: leased, expiresAt };
}
