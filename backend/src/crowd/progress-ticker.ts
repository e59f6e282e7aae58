/**
 * Project progress notices, coalesced: a completed task asks for one, and at most one per project
 * per interval is computed (four grouped counts) and sent — outside the submission's transaction,
 * which then holds its row lock for less time. The counts grow with a project, so the interval
 * stretches to keep them under 1/COST_SHARE of the time: a project whose counts take 50 ms gets a
 * notice a second, one whose counts take 400 ms one every 8 s.
 */
import type { Db } from '../db/client.js';
import type { ProjectProgress } from '../contracts/projects.js';
import { progressOf } from '../projects/repository.js';
import type { Publisher } from '../realtime/publisher.js';
import type { BackgroundService } from '../server.js';

/** The interval is at least this many times the last computation's duration. */
export const COST_SHARE = 20;

export class ProgressTicker implements BackgroundService {
  readonly name = 'project-progress';
  private readonly pending = new Map<string, string>();
  private timer: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  /** The delay before the next computation (ms). */
  delayMs: number;

  constructor(
    /** The counts of several projects (progressOf on the app's database). */
    private readonly count: (projectIds: string[]) => Promise<Map<string, ProjectProgress>>,
    private readonly publisher: Publisher,
    private readonly intervalMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.delayMs = intervalMs;
    this.timer = this.schedule();
  }

  private schedule(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.running = this.tick();
    }, this.delayMs);
    timer.unref();
    return timer;
  }

  private async tick(): Promise<void> {
    const started = this.now();
    const computed = await this.flush().then(
      (n) => n > 0,
      () => false,
    );
    // Only a computation that ran says what the counts cost now; an idle tick keeps the delay.
    if (computed) this.delayMs = Math.max(this.intervalMs, COST_SHARE * (this.now() - started));
    if (!this.stopped) this.timer = this.schedule();
  }

  /** Asks for a progress notice of a project (sent within the interval). */
  request(projectId: string, projectSlug: string): void {
    this.pending.set(projectId, projectSlug);
  }

  /** Computes and sends the pending notices now; returns how many projects it counted. */
  async flush(): Promise<number> {
    const due = [...this.pending];
    this.pending.clear();
    if (!due.length) return 0;
    const progress = await this.count(due.map(([id]) => id));
    for (const [id, projectSlug] of due) {
      const p = progress.get(id);
      if (p) this.publisher.publish(`project:${projectSlug}`, 'project.progress', { projectSlug, ...p });
    }
    return due.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.flush().catch(() => undefined);
  }
}

const tickers = new WeakMap<object, ProgressTicker>();

/** The one ticker of an application context. */
export function progressTickerFor(ctx: { database: { db: Db }; publisher: Publisher }): ProgressTicker {
  let ticker = tickers.get(ctx);
  if (!ticker) {
    const { db } = ctx.database;
    ticker = new ProgressTicker((ids) => progressOf(db, ids), ctx.publisher);
    tickers.set(ctx, ticker);
  }
  return ticker;
}
