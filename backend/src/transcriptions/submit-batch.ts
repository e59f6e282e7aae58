/**
 * Group commit for submissions. Under load, submissions that arrive while earlier ones are being
 * stored wait in a queue and go together: one transaction locks their tasks (distinct ones, in id
 * order) and reads everything they need in one statement, checks and reconciles each, writes them
 * all in one statement (contributors' reliability rows locked in id order) and commits once; each
 * submission is acknowledged after that commit, its notices published then. A lone submission
 * takes the single path (submitTranscription) at once, so batching costs no latency when idle.
 *
 * A refused submission (a validation error, an expired lease…) is refused alone: those checks read
 * and never write. Any other failure rolls the whole batch back, and each of its submissions then
 * takes the single path on its own, with that path's retries and duplicate handling: nothing is
 * stored twice or lost, and the outcome is the one the single path would give.
 */
import type { SubmissionReceipt, SubmitTranscriptionBody } from '../contracts/tasks.js';
import { BatchPump } from '../db/batch-pump.js';
import { applyReconciles, planReconcile, type ReconcilePlan } from '../crowd/reconcile.js';
import { AppError } from '../errors.js';
import { Outbox } from '../realtime/publisher.js';
import { lockTasksForSubmissions } from '../tasks/repository.js';
import type { UserRow } from '../users/repository.js';
import {
  crowdReceipt,
  prepareSubmission,
  submitTranscription,
  type PreparedSubmission,
  type SubmitDeps,
} from './submit.js';

export interface BatchOptions {
  /** Most submissions stored by one transaction (1: every submission alone). */
  maxBatch: number;
  /** Transactions storing submissions at once (each holds one pooled connection). */
  maxInFlight: number;
}

export const DEFAULT_BATCH_OPTIONS: BatchOptions = { maxBatch: 32, maxInFlight: 3 };

interface Pending {
  taskId: string;
  user: UserRow;
  body: SubmitTranscriptionBody;
  resolve: (receipt: SubmissionReceipt) => void;
  reject: (error: unknown) => void;
}

/** How a submission of a batch ended inside its transaction. */
type ItemOutcome =
  | { kind: 'stored'; receipt: SubmissionReceipt; outbox: Outbox; project?: { id: string; slug: string } }
  | { kind: 'replayed'; receipt: SubmissionReceipt }
  | { kind: 'refused'; error: AppError }
  | { kind: 'alone' };

export interface BatchStats {
  /** Transactions that stored two submissions or more. */
  batches: number;
  /** Submissions stored by those transactions. */
  batched: number;
  /** Submissions that took the single path (alone, gold, or after a failed batch). */
  alone: number;
  largest: number;
  /** Batches rolled back and replayed one by one. */
  fallbacks: number;
}

/**
 * Takes from `queue` (oldest first) the next batch: at most `max` submissions, one per task and
 * none on a task in `busy` (being stored by a transaction in flight: a task's next submission
 * waits for a later batch instead of for that transaction, while holding the locks of its own
 * batch's other tasks). What it takes leaves the queue; the rest keeps its order.
 */
export function takeBatch<T extends { taskId: string }>(
  queue: T[],
  busy: ReadonlySet<string>,
  max: number,
): T[] {
  const batch: T[] = [];
  const tasks = new Set<string>();
  for (let i = 0; i < queue.length && batch.length < max;) {
    const item = queue[i]!;
    if (tasks.has(item.taskId) || busy.has(item.taskId)) {
      i++;
      continue;
    }
    tasks.add(item.taskId);
    batch.push(item);
    queue.splice(i, 1);
  }
  return batch;
}

export class SubmissionBatcher {
  /** Tasks with a submission being stored: their next one waits, not holding other tasks' locks. */
  private readonly busy = new Set<string>();
  private readonly pump: BatchPump<Pending>;
  private readonly counts: BatchStats = { batches: 0, batched: 0, alone: 0, largest: 0, fallbacks: 0 };

  constructor(
    private readonly deps: SubmitDeps,
    options: BatchOptions = DEFAULT_BATCH_OPTIONS,
  ) {
    this.pump = new BatchPump<Pending>({
      maxInFlight: options.maxInFlight,
      take: (queue) => takeBatch(queue, this.busy, options.maxBatch),
      run: (batch) => this.run(batch),
      started: (batch) => batch.forEach((item) => this.busy.add(item.taskId)),
      ended: (batch) => batch.forEach((item) => this.busy.delete(item.taskId)),
    });
  }

  /** Stores a submission (with others that arrive meanwhile); the same receipt as submitTranscription. */
  submit(taskId: string, user: UserRow, body: SubmitTranscriptionBody): Promise<SubmissionReceipt> {
    return new Promise((resolve, reject) => this.pump.push({ taskId, user, body, resolve, reject }));
  }

  stats(): BatchStats {
    return { ...this.counts };
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch);
    let outcomes: ItemOutcome[];
    try {
      outcomes = await this.storeTogether(batch);
    } catch {
      this.counts.fallbacks++;
      return this.alone(batch);
    }
    const stored = outcomes.filter((o) => o.kind === 'stored').length;
    if (stored > 1) {
      this.counts.batches++;
      this.counts.batched += stored;
      this.counts.largest = Math.max(this.counts.largest, stored);
    }
    const later: Pending[] = [];
    outcomes.forEach((outcome, i) => {
      const item = batch[i]!;
      if (outcome.kind === 'alone') later.push(item);
      else if (outcome.kind === 'refused') item.reject(outcome.error);
      else if (outcome.kind === 'replayed') item.resolve(outcome.receipt);
      else {
        // As on the single path: the notices go out after the commit, then the answer; a failure
        // to publish is that submission's error (its transcription is stored).
        try {
          outcome.outbox.flush(this.deps.publisher);
          if (outcome.project) this.deps.progress?.request(outcome.project.id, outcome.project.slug);
        } catch (error) {
          item.reject(error);
          return;
        }
        item.resolve(outcome.receipt);
      }
    });
    if (later.length) await this.alone(later);
  }

  /** Each submission on the single path (they are on distinct tasks: at the same time). */
  private async alone(items: Pending[]): Promise<void> {
    this.counts.alone += items.length;
    await Promise.all(
      items.map((item) =>
        submitTranscription(this.deps, item.taskId, item.user, item.body).then(item.resolve, item.reject),
      ),
    );
  }

  /** One transaction for the batch; throws (rolled back) on anything but a refused submission. */
  private storeTogether(batch: Pending[]): Promise<ItemOutcome[]> {
    const { db } = this.deps;
    return db.transaction(async (tx) => {
      const locked = await lockTasksForSubmissions(
        tx,
        batch.map((p) => ({
          taskId: p.taskId,
          userId: p.user.id,
          clientSubmissionId: p.body.clientSubmissionId,
        })),
      );
      const outcomes: ItemOutcome[] = [];
      const planned: Array<{
        index: number;
        prepared: Extract<PreparedSubmission, { kind: 'crowd' }>;
        plan: ReconcilePlan;
      }> = [];
      for (const [index, item] of batch.entries()) {
        let prepared: PreparedSubmission;
        try {
          prepared = await prepareSubmission(tx, this.deps, locked.get(index), item.user, item.body);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcomes[index] = { kind: 'refused', error };
          continue;
        }
        if (prepared.kind === 'replay') outcomes[index] = { kind: 'replayed', receipt: prepared.receipt };
        // Gold submissions are rare and written differently: after this batch, on their own.
        else if (prepared.kind === 'gold') outcomes[index] = { kind: 'alone' };
        else planned.push({ index, prepared, plan: await planReconcile(tx, prepared.target) });
      }
      const outboxes = planned.map(() => new Outbox());
      const reconciled = await applyReconciles(
        tx,
        planned.map(({ prepared, plan }, i) => ({ outbox: outboxes[i]!, target: prepared.target, plan })),
      );
      for (const [i, { index, prepared }] of planned.entries()) {
        const { receipt, changedProject } = crowdReceipt(prepared.target, reconciled[i]!);
        outcomes[index] = { kind: 'stored', receipt, outbox: outboxes[i]!, project: changedProject };
      }
      return outcomes;
    });
  }
}
