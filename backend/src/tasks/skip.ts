/** Skipping a task: the lease ends now and the slot is free for someone else. */
import type { Db } from '../db/client.js';
import { notFound } from '../errors.js';
import type { Clock } from '../http/context.js';
import { expireLease } from './lease-repository.js';
import { findTask } from './repository.js';

/**
 * Ends the caller's lease. The expired row stays until the sweep, so the scheduler does not offer
 * the same task straight back to the person who skipped it.
 */
export async function skipTask(
  deps: { db: Db; clock: Clock },
  taskId: string,
  userId: string,
): Promise<boolean> {
  if (!(await findTask(deps.db, taskId))) throw notFound('Task');
  return expireLease(deps.db, taskId, userId, deps.clock.now());
}
