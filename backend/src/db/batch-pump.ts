/**
 * The queue behind the crowd's batchers (leases granted together, group commit of submissions):
 * work that arrives in one turn of the event loop is gathered, then handed out in batches with at
 * most `maxInFlight` of them running at once (each holds one pooled connection); what arrives
 * meanwhile waits for the next batch, taken as soon as one ends.
 */
export interface PumpItem {
  reject: (error: unknown) => void;
}

export interface BatchPumpOptions<T extends PumpItem> {
  maxInFlight: number;
  /** Takes the next batch out of `queue`, in place (none: nothing may go now). */
  take: (queue: T[]) => T[];
  /** Runs a batch and settles every item of it. */
  run: (batch: T[]) => Promise<void>;
  /** Around each batch (a batcher's bookkeeping of what is in flight). */
  started?: (batch: T[]) => void;
  ended?: (batch: T[]) => void;
}

export class BatchPump<T extends PumpItem> {
  private readonly queue: T[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly options: BatchPumpOptions<T>) {}

  push(item: T): void {
    this.queue.push(item);
    // Gather what this turn of the event loop received before starting.
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    }
  }

  private pump(): void {
    const { maxInFlight, take, run, started, ended } = this.options;
    while (this.inFlight < maxInFlight && this.queue.length > 0) {
      const batch = take(this.queue);
      if (batch.length === 0) return;
      this.inFlight++;
      started?.(batch);
      // run() settles every item itself; should it throw all the same, none is left waiting
      // (settling a promise twice does nothing).
      void run(batch)
        .catch((error: unknown) => {
          for (const item of batch) item.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          ended?.(batch);
          this.pump();
        });
    }
  }
}
