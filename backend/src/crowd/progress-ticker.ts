/**
 * Project progress notices, coalesced: a completed task asks for one, and at most one per project
 * per interval is computed (four grouped counts) and sent — outside the submission's transaction,
 * which then holds its row lock for less time.
 */
import type { Db } from '../db/client.js';
import { progressOf } from '../projects/repository.js';
import type { Publisher } from '../realtime/publisher.js';
import type { BackgroundService } from '../server.js';

export class ProgressTicker implements BackgroundService {
  readonly name = 'project-progress';
  private readonly pending = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly publisher: Publisher,
    intervalMs = 1000,
  ) {
    this.timer = setInterval(() => {
      this.running = this.flush().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  /** Asks for a progress notice of a project (sent within the interval). */
  request(projectId: string, projectSlug: string): void {
    this.pending.set(projectId, projectSlug);
  }

  /** Computes and sends the pending notices now. */
  async flush(): Promise<void> {
    const due = [...this.pending];
    this.pending.clear();
    if (!due.length) return;
    const progress = await progressOf(
      this.db,
      due.map(([id]) => id),
    );
    for (const [id, projectSlug] of due) {
      const p = progress.get(id);
      if (p) this.publisher.publish(`project:${projectSlug}`, 'project.progress', { projectSlug, ...p });
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.flush().catch(() => undefined);
  }
}

const tickers = new WeakMap<object, ProgressTicker>();

/** The one ticker of an application context. */
export function progressTickerFor(ctx: { database: { db: Db }; publisher: Publisher }): ProgressTicker {
  let ticker = tickers.get(ctx);
  if (!ticker) {
    ticker = new ProgressTicker(ctx.database.db, ctx.publisher);
    tickers.set(ctx, ticker);
  }
  return ticker;
}
