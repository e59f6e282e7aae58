/**
 * The periodic sweep of expired leases. Expired leases already stop counting the moment they
 * expire (every count compares expires_at with now); deleting them also lets the scheduler offer
 * a skipped or abandoned task to the same person again.
 */
import type { BackgroundService } from '../server.js';
import type { AppContext } from '../http/context.js';
import { deleteExpiredLeases } from './lease-repository.js';

/** Deletes leases that ended before now; returns how many. */
export async function releaseExpiredLeases(ctx: Pick<AppContext, 'database' | 'clock'>): Promise<number> {
  return deleteExpiredLeases(ctx.database.db, ctx.clock.now());
}

/** Runs the sweep every `intervalMs` (default one minute). */
export function startLeaseSweeper(ctx: AppContext, intervalMs = 60_000): BackgroundService {
  let running = Promise.resolve();
  const timer = setInterval(() => {
    running = releaseExpiredLeases(ctx)
      .then((n) => {
        if (n > 0) ctx.logger.debug({ released: n }, 'released expired leases');
      })
      .catch((err: unknown) => ctx.logger.warn({ err }, 'lease sweep failed'));
  }, intervalMs);
  timer.unref();
  return {
    name: 'lease-sweeper',
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
