/**
 * Reconciling a task after a submission or an editor's decision, inside that transaction: per-field
 * consensus, settled results kept, reliability updated for newly verified fields, the task's next
 * state (open with the still-wanted paths, complete with a record, or review with reasons), and the
 * real-time notices queued for after the commit.
 */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { Tx } from '../db/client.js';
import type { ProjectRow } from '../projects/repository.js';
import type { Outbox } from '../realtime/publisher.js';
import type { TaskRow } from '../tasks/repository.js';
import { finishTaskUpdate, pagesOf, taskPages } from '../tasks/repository.js';
import { computeFieldResults, type ConsensusInput } from './compute-results.js';
import { weightFor, type ConsensusOptions, type SubmissionEntry } from './domain/index.js';
import { queueEvents } from './notify.js';
import { pageEvidence } from './page-evidence.js';
import { consensusStateOf, upsertFieldResults, type ConsensusRow } from './repository.js';
import { settle, stillNeeded } from './settle.js';
import { applyOutcomes } from './update-reliability.js';
import { nextTaskState, type NextState } from './next-state.js';

export interface ReconcileTarget {
  task: TaskRow;
  project: ProjectRow;
  schema: FieldSchemaDefinition;
  /** Set when reconciling right after `userId`'s submission: its lease goes, done_count grows. */
  submittedBy?: string;
  /** The app's database handle, to reuse cached page text. */
  handle?: object;
}

/** The consensus settings of a project (agreeK and maxTranscriptions columns, the rest in settings). */
export function consensusOptionsOf(project: ProjectRow): ConsensusOptions {
  const num = (k: string) => {
    const v = project.settings[k];
    return typeof v === 'number' ? v : undefined;
  };
  return {
    agreeK: project.agreeK,
    maxTranscriptions: project.maxTranscriptions,
    margin: num('margin'),
    ocrWeight: num('ocrWeight'),
  };
}

function inputsOf(rows: ConsensusRow[]): ConsensusInput[] {
  return rows.map((r) => ({
    contributorId: r.userId,
    weight: weightFor({ agree: r.agree, total: r.total }),
    entries: r.entries as Record<string, SubmissionEntry>,
    sources: r.sources as ConsensusInput['sources'],
  }));
}

/** Recomputes a task's consensus and state; returns the new state. */
export async function reconcileTask(tx: Tx, outbox: Outbox, target: ReconcileTarget): Promise<NextState> {
  const { task, project, schema } = target;
  const options = consensusOptionsOf(project);
  const state = await consensusStateOf(tx, task.id);
  const inputs = inputsOf(state.inputs);
  const { results: stored, decisions } = state;
  const pages = target.handle
    ? await taskPages(target.handle, tx, task.documentId, task.pageNumber)
    : await pagesOf(tx, task.documentId, task.pageNumber);
  const text = pages.map((p) => p.text ?? '').join('\n');
  const evidence = pageEvidence(
    text,
    pages.length > 0 && pages.every((p) => p.textSource === 'text-layer'),
    project.locale,
  );
  const extraAllowance = decisions.reopened;
  const computed = computeFieldResults(schema, inputs, { ...options, evidence, extraAllowance });
  const settled = settle(computed, stored);
  await upsertFieldResults(tx, task.id, settled.writes);
  await applyOutcomes(tx, computed, settled.newlyVerified);
  const needs = stillNeeded(schema, computed, settled, { ...options, extraAllowance });
  const next = await nextTaskState(tx, target, {
    settled,
    needs,
    computed,
    inputs,
    checksAccepted: decisions.checksAccepted,
  });
  await finishTaskUpdate(tx, task.id, {
    status: next.status,
    wantedFields: next.wanted,
    needed: next.needed,
    reviewReasons: next.reasons,
    submittedBy: target.submittedBy,
  });
  await queueEvents(tx, outbox, { schema, project, task, settled, next });
  return next;
}
