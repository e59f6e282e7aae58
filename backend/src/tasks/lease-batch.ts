/**
 * Leases that arrive together go together. Under load, lease requests that come in while earlier
 * ones are being granted wait in a queue and are granted by one statement (leaseRegularTasks: the
 * same function cotejo_lease_next, once per caller in arrival order, one transaction): one round
 * trip and one commit for the lot instead of one each. A lone request takes the single path at
 * once, so batching costs no latency when idle.
 *
 * Every guarantee of the single path holds inside a batch: each caller's pick counts the live
 * leases after its lock, the earlier callers' included, so no task is leased beyond need. A batch
 * chosen as a deadlock victim is retried whole; any other failure sends each of its requests down
 * the single path on its own, so one cannot fail the others.
 */
import { BatchPump } from '../db/batch-pump.js';
import type { Db } from '../db/client.js';
import { retryOnDeadlock } from '../db/retry.js';
import { LEASE_ATTEMPTS } from './lease-next.js';
import { leaseRegularTask, leaseRegularTasks, type LeaseRequest } from './lease-repository.js';
import type { TaskRow } from './repository.js';

export interface LeaseBatchOptions {
  /** Most leases granted by one statement (1: every lease alone). */
  maxBatch: number;
  /** Statements granting leases at once (each holds one pooled connection). */
  maxInFlight: number;
  /** Candidates each caller's pick tries (cotejo_lease_next's attempts). */
  attempts: number;
}

export const DEFAULT_LEASE_BATCH_OPTIONS: LeaseBatchOptions = {
  maxBatch: 32,
  maxInFlight: 2,
  attempts: LEASE_ATTEMPTS,
};

interface Pending {
  request: LeaseRequest;
  resolve: (task: TaskRow | undefined) => void;
  reject: (error: unknown) => void;
}

export interface LeaseBatchStats {
  /** Statements that granted two leases or more. */
  batches: number;
  /** Requests those statements served. */
  batched: number;
  /** Requests that took the single path (alone, or after a failed batch). */
  alone: number;
  largest: number;
  /** Batches that failed and went one by one. */
  fallbacks: number;
}

export class LeaseBatcher {
  private readonly pump: BatchPump<Pending>;
  private readonly counts: LeaseBatchStats = { batches: 0, batched: 0, alone: 0, largest: 0, fallbacks: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: LeaseBatchOptions = DEFAULT_LEASE_BATCH_OPTIONS,
  ) {
    this.pump = new BatchPump<Pending>({
      maxInFlight: options.maxInFlight,
      take: (queue) => queue.splice(0, options.maxBatch),
      run: (batch) => this.run(batch),
    });
  }

  /** The caller's next regular task (undefined: none for them now), as leaseRegularTask leases it. */
  lease(request: LeaseRequest): Promise<TaskRow | undefined> {
    return new Promise((resolve, reject) => this.pump.push({ request, resolve, reject }));
  }

  stats(): LeaseBatchStats {
    return { ...this.counts };
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch);
    let leased: Map<number, TaskRow>;
    try {
      leased = await retryOnDeadlock(() =>
        leaseRegularTasks(
          this.db,
          this.db,
          batch.map((p) => p.request),
          this.options.attempts,
        ),
      );
    } catch {
      this.counts.fallbacks++;
      return this.alone(batch);
    }
    this.counts.batches++;
    this.counts.batched += batch.length;
    this.counts.largest = Math.max(this.counts.largest, batch.length);
    batch.forEach((item, i) => item.resolve(leased.get(i)));
  }

  /** Each request on the single path (at the same time: each is its own statement). */
  private async alone(items: Pending[]): Promise<void> {
    this.counts.alone += items.length;
    await Promise.all(
      items.map((item) =>
        retryOnDeadlock(() =>
          leaseRegularTask(this.db, this.db, { ...item.request, attempts: this.options.attempts }),
        ).then(item.resolve, item.reject),
      ),
    );
  }
}
