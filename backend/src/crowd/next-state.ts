/** A task's next state from its settled fields: open, complete (with a record) or review. */
import type { TaskRow } from '../tasks/repository.js';
import type { ConsensusInput } from './compute-results.js';
import { evaluateRecord, type FieldResult, type Needs, type RecordReason } from './domain/index.js';
import type { ReconcileTarget } from './reconcile.js';
import { recordValues } from './record-values.js';
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

/** A verified record to store (with the reconcile's writes), decided by decideNextState. */
export interface RecordDraft {
  values: Record<string, unknown>;
  reviewed: boolean;
  agreement: number;
  contributorCount: number;
}

/** Decides the task's next state from its settled fields (pure); on verification, its record. */
export function decideNextState(
  target: ReconcileTarget,
  s: StateInput,
): { next: NextState; record: RecordDraft | null } {
  const { schema } = target;
  if (s.needs.more > 0) {
    const base = { status: 'open' as const, wanted: s.needs.paths, needed: s.needs.more, reasons: null };
    return {
      next: { ...base, recordId: null, values: null, pendingFields: s.needs.paths.length },
      record: null,
    };
  }
  const evaluation = evaluateRecord(schema, s.settled.inputs);
  const accepted = s.checksAccepted && evaluation.reasons.every((r) => r.code === 'check_failed');
  if (evaluation.status !== 'verified' && !accepted) {
    const reasons = evaluation.reasons.length
      ? evaluation.reasons
      : [{ code: 'field_pending' as const, message: 'no more transcriptions allowed' }];
    const next = { status: 'review' as const, wanted: [], needed: 0, reasons, recordId: null, values: null };
    return { next: { ...next, pendingFields: 0 }, record: null };
  }
  const values = recordValues(schema, evaluation.values);
  const reviewed = accepted || Object.values(s.settled.inputs).some((i) => i.status === 'reviewed');
  const next = { status: 'complete' as const, wanted: [], needed: 0, reasons: null, recordId: null, values };
  return {
    next: { ...next, pendingFields: 0 },
    record: {
      values,
      reviewed,
      agreement: agreementOf(s.computed),
      contributorCount: new Set(s.inputs.map((i) => i.contributorId)).size,
    },
  };
}
