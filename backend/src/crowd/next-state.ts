/** A task's next state from its settled fields: open, complete (with a record) or review. */
import type { Tx } from '../db/client.js';
import { ensureEntitiesOf } from '../entities/ensure.js';
import type { TaskRow } from '../tasks/repository.js';
import type { ConsensusInput } from './compute-results.js';
import { evaluateRecord, type FieldResult, type Needs, type RecordReason } from './domain/index.js';
import type { ReconcileTarget } from './reconcile.js';
import { recordValues } from './record-values.js';
import { insertRecordOnce, updateRecord } from './repository.js';
import type { Settled } from './settle.js';

export interface NextState {
  status: TaskRow['status'];
  wanted: string[] | null;
  needed: number;
  reasons: RecordReason[] | null;
  /** Set when this reconcile verified the record. */
  recordId: string | null;
  values: Record<string, unknown> | null;
  pendingFields: number;
}

interface StateInput {
  settled: Settled;
  needs: Needs;
  computed: Record<string, FieldResult>;
  inputs: ConsensusInput[];
  checksAccepted: boolean;
}

function agreementOf(computed: Record<string, FieldResult>): number {
  const all = Object.values(computed).map((r) => r.confidence);
  return all.length ? all.reduce((a, b) => a + b, 0) / all.length : 1;
}

/** Decides the state and, on verification, writes the record (once per task). */
export async function nextTaskState(tx: Tx, target: ReconcileTarget, s: StateInput): Promise<NextState> {
  const { task, schema } = target;
  if (s.needs.more > 0) {
    const base = { status: 'open' as const, wanted: s.needs.paths, needed: s.needs.more, reasons: null };
    return { ...base, recordId: null, values: null, pendingFields: s.needs.paths.length };
  }
  const evaluation = evaluateRecord(schema, s.settled.inputs);
  const accepted = s.checksAccepted && evaluation.reasons.every((r) => r.code === 'check_failed');
  if (evaluation.status !== 'verified' && !accepted) {
    const reasons = evaluation.reasons.length
      ? evaluation.reasons
      : [{ code: 'field_pending' as const, message: 'no more transcriptions allowed' }];
    return {
      status: 'review',
      wanted: [],
      needed: 0,
      reasons,
      recordId: null,
      values: null,
      pendingFields: 0,
    };
  }
  const values = recordValues(schema, evaluation.values);
  const reviewed = accepted || Object.values(s.settled.inputs).some((i) => i.status === 'reviewed');
  const record = await insertRecordOnce(tx, {
    projectId: task.projectId,
    taskId: task.id,
    documentId: task.documentId,
    pageNumber: task.pageNumber,
    values,
    agreement: agreementOf(s.computed),
    contributorCount: new Set(s.inputs.map((i) => i.contributorId)).size,
    reviewed,
  });
  if (!record.created) await updateRecord(tx, record.id, values, reviewed);
  else await ensureEntitiesOf(tx, task.projectId, schema, values);
  return {
    status: 'complete',
    wanted: [],
    needed: 0,
    reasons: null,
    recordId: record.created ? record.id : null,
    values,
    pendingFields: 0,
  };
}
