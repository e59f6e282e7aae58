/**
 * The job kinds of the document pipeline and their payloads. A kind is a string in the `jobs`
 * table; the registry (registry.ts) refuses to boot unless every kind has exactly one handler.
 */
export const JOB_KINDS = ['document.preflight', 'page.process', 'document.assemble'] as const;

export type JobKind = (typeof JOB_KINDS)[number];

export interface JobPayloads {
  'document.preflight': { documentId: string };
  'page.process': { documentId: string; page: number };
  'document.assemble': { documentId: string };
}

export interface NewJob<K extends JobKind = JobKind> {
  kind: K;
  payload: JobPayloads[K];
  dedupKey: string;
  maxAttempts?: number;
}

const STEP: Record<JobKind, string> = {
  'document.preflight': 'preflight',
  'page.process': 'page',
  'document.assemble': 'assemble',
};

/** `document:page:step`: one job per step of a page, so enqueueing twice is a no-op. */
export function dedupKeyFor(kind: JobKind, documentId: string, page = 0): string {
  return `${documentId}:${page}:${STEP[kind]}`;
}

/** A job for a document step, with its dedup key. */
export function documentJob<K extends JobKind>(kind: K, payload: JobPayloads[K]): NewJob<K> {
  const page = 'page' in payload ? payload.page : 0;
  return { kind, payload, dedupKey: dedupKeyFor(kind, payload.documentId, page) };
}
