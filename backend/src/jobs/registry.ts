/** Job handlers by kind. Boot fails when a kind has no handler or two (a typo must not lose jobs). */
import { JOB_KINDS, type JobKind, type JobPayloads } from './kinds.js';

export interface JobFailure {
  code: string;
  message: string;
}

export interface JobHandler<K extends JobKind = JobKind> {
  kind: K;
  run(payload: JobPayloads[K]): Promise<void>;
  /** Called once when the job has failed for good (no retries left, or a permanent refusal). */
  giveUp(payload: JobPayloads[K], failure: JobFailure): Promise<void>;
}

export type AnyJobHandler = { [K in JobKind]: JobHandler<K> }[JobKind];

export class JobRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobRegistryError';
  }
}

export interface JobRegistry {
  handlerFor(kind: string): AnyJobHandler | undefined;
  readonly kinds: readonly JobKind[];
}

/** Checks that `handlers` cover JOB_KINDS exactly once each and indexes them by kind. */
export function buildJobRegistry(handlers: AnyJobHandler[]): JobRegistry {
  const byKind = new Map<string, AnyJobHandler>();
  for (const handler of handlers) {
    if (!(JOB_KINDS as readonly string[]).includes(handler.kind)) {
      throw new JobRegistryError(`Handler for unknown job kind "${handler.kind}"`);
    }
    if (byKind.has(handler.kind)) throw new JobRegistryError(`Two handlers for job kind "${handler.kind}"`);
    byKind.set(handler.kind, handler);
  }
  const missing = JOB_KINDS.filter((kind) => !byKind.has(kind));
  if (missing.length) throw new JobRegistryError(`No handler for job kind(s): ${missing.join(', ')}`);
  return { handlerFor: (kind) => byKind.get(kind), kinds: JOB_KINDS };
}
