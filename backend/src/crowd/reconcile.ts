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
import { pagesOf, updateTaskState } from '../tasks/repository.js';
import { transcriptionsForConsensus } from '../transcriptions/repository.js';
import { computeFieldResults, type ConsensusInput } from './compute-results.js';
import { weightFor, type ConsensusOptions, type SubmissionEntry } from './domain/index.js';
import { queueEvents } from './notify.js';
import { pageEvidence } from './page-evidence.js';
import { decisionsOf, fieldResultsOf, upsertFieldResults } from './repository.js';
import { settle, stillNeeded } from './settle.js';
import { applyOutcomes } from './update-reliability.js';
import { nextTaskState, type NextState } from './next-state.js';

export interface ReconcileTarget {
  task: TaskRow;
  project: ProjectRow;
  schema: FieldSchemaDefinition;
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

async function inputsOf(tx: Tx, taskId: string): Promise<ConsensusInput[]> {
  const rows = await transcriptionsForConsensus(tx, taskId);
  return rows.map((r) => ({
    contributorId: r.userId,
    weight: weightFor({ agree: r.agree, total: r.total }),
    entries: r.entries as Record<string, SubmissionEntry>,
    sources: r.sources,
  }));
}

/** Recomputes a task's consensus and state; returns the new state. */
export async function reconcileTask(tx: Tx, outbox: Outbox, target: ReconcileTarget): Promise<NextState> {
  const { task, project, schema } = target;
  const options = consensusOptionsOf(project);
  const inputs = await inputsOf(tx, task.id);
  const stored = await fieldResultsOf(tx, task.id);
  const decisions = await decisionsOf(tx, task.id);
  const pages = await pagesOf(tx, task.documentId, task.pageNumber);
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
  await updateTaskState(tx, task.id, {
    status: next.status,
    wantedFields: next.wanted,
    needed: next.needed,
    reviewReasons: next.reasons,
  });
  await queueEvents(tx, outbox, { schema, project, task, settled, next });
  return next;
}
