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
import { pagesOf, taskPages } from '../tasks/repository.js';
import { computeFieldResults, type ConsensusInput } from './compute-results.js';
import { weightFor, type ConsensusOptions, type SubmissionEntry } from './domain/index.js';
import { queueEvents } from './notify.js';
import { pageEvidence } from './page-evidence.js';
import {
  consensusStateOf,
  saveReconciles,
  updateRecord,
  type ConsensusRow,
  type ConsensusState,
  type NewTranscription,
  type ReconcileWrites,
  type ReliabilityOutcome,
} from './repository.js';
import { settle, stillNeeded, type Settled } from './settle.js';
import { reliabilityOutcomes } from './update-reliability.js';
import { decideNextState, type NextState, type RecordDraft } from './next-state.js';
import { ensureEntitiesOf } from '../entities/ensure.js';

export interface ReconcileTarget {
  task: TaskRow;
  project: ProjectRow;
  schema: FieldSchemaDefinition;
  /**
   * A submission stored by this reconcile (written by the same statement as the task's new state:
   * its lease goes, done_count grows), with the consensus state read when the task was locked for
   * it; `input` is the submission as consensus counts it.
   */
  submission?: { transcription: NewTranscription; input: ConsensusRow; state: ConsensusState };
  /** The app's database handle, to reuse cached page text. */
  handle?: object;
}

export interface Reconciled extends NextState {
  /** The stored submission's id and time (with `target.submission`). */
  transcription?: { id: string; createdAt: Date };
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

/** What a reconcile computed for a task and will write (planReconcile, then applyReconciles). */
export interface ReconcilePlan {
  next: NextState;
  record: RecordDraft | null;
  settled: Settled;
  outcomes: ReliabilityOutcome[];
}

/**
 * Computes a task's consensus and next state (reads only: the consensus state unless the target
 * carries it, and the task's pages).
 */
export async function planReconcile(tx: Tx, target: ReconcileTarget): Promise<ReconcilePlan> {
  const { task, project, schema, submission } = target;
  const options = consensusOptionsOf(project);
  const state = submission?.state ?? (await consensusStateOf(tx, task.id));
  const inputs = inputsOf(submission ? [...state.inputs, submission.input] : state.inputs);
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
  const needs = stillNeeded(schema, computed, settled, { ...options, extraAllowance });
  const { next, record } = decideNextState(target, {
    settled,
    needs,
    computed,
    inputs,
    checksAccepted: decisions.checksAccepted,
  });
  return { next, record, settled, outcomes: reliabilityOutcomes(computed, settled.newlyVerified) };
}

/** A planned reconcile to write, with the outbox its notices go to. */
export interface PlannedReconcile {
  outbox: Outbox;
  target: ReconcileTarget;
  plan: ReconcilePlan;
}

/**
 * Writes planned reconciles of distinct tasks: the entities of each verified record first, then in
 * one statement every submission, field result, task state, reliability outcome and record (counted
 * in its project's rollup as the transaction commits); queues the real-time notices. Returns each
 * task's new state, in order.
 */
export async function applyReconciles(tx: Tx, list: PlannedReconcile[]): Promise<Reconciled[]> {
  const writes: ReconcileWrites[] = [];
  for (const { target, plan } of list) {
    const { task, schema, submission } = target;
    const { next, record, settled } = plan;
    // A verified record's entity values get their entities first (a new one when no alias matches).
    if (record) await ensureEntitiesOf(tx, task.projectId, schema, record.values);
    writes.push({
      taskId: task.id,
      writes: settled.writes,
      state: {
        status: next.status,
        wantedFields: next.wanted,
        needed: next.needed,
        reviewReasons: next.reasons,
      },
      transcription: submission?.transcription,
      outcomes: plan.outcomes,
      record: record
        ? { projectId: task.projectId, documentId: task.documentId, pageNumber: task.pageNumber, ...record }
        : undefined,
    });
  }
  const saved = await saveReconciles(tx, writes);
  const reconciled: Reconciled[] = [];
  for (const [i, { outbox, target, plan }] of list.entries()) {
    const { task, project, schema } = target;
    const { next, record, settled } = plan;
    const stored = saved[i];
    // A task's record exists already when an editor reopened it after verification.
    if (record && stored?.record && !stored.record.created)
      await updateRecord(tx, stored.record.id, record.values, record.reviewed);
    const recordId = stored?.record?.created ? stored.record.id : null;
    const one = { ...next, recordId, transcription: stored?.transcription };
    await queueEvents(tx, outbox, { schema, project, task, settled, next: one });
    reconciled.push(one);
  }
  return reconciled;
}

/** Recomputes a task's consensus and state and writes them (planReconcile + applyReconciles). */
export async function reconcileTask(tx: Tx, outbox: Outbox, target: ReconcileTarget): Promise<Reconciled> {
  const [reconciled] = await applyReconciles(tx, [{ outbox, target, plan: await planReconcile(tx, target) }]);
  return reconciled!;
}
