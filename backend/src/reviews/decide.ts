/**
 * An editor settles a review item: `decide` picks a candidate, `override` types the value,
 * `reopen` asks the crowd again (one more round of up to maxTranscriptions), `accept` publishes a
 * record whose cross-field check failed. Every decision is audited, then the task is reconciled.
 */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import { scalarFieldAt } from '../crowd/field-at.js';
import type { DecideBody } from '../contracts/reviews.js';
import { normalizeValue, type Candidate } from '../crowd/domain/index.js';
import type { NextState } from '../crowd/next-state.js';
import { reconcileTask } from '../crowd/reconcile.js';
import { fieldResultsOf, setFieldResult, type StoredValue } from '../crowd/repository.js';
import type { Tx } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import type { ProjectRow } from '../projects/repository.js';
import type { Outbox } from '../realtime/publisher.js';
import { type TaskRow } from '../tasks/repository.js';
import { insertReview } from './repository.js';

interface Decision {
  task: TaskRow;
  project: ProjectRow;
  schema: FieldSchemaDefinition;
  editorId: string;
  body: DecideBody;
}

function chosen(candidates: Candidate[], key: string): StoredValue {
  const c = candidates.find((x) => (x.marker ? `!${x.marker}` : x.comparable) === key);
  if (!c)
    throw new AppError('validation_failed', 'No such candidate', {
      issues: [{ path: 'candidate', code: 'not_a_candidate', message: 'not a candidate' }],
    });
  return { v: c.value ?? null, m: c.marker, c: c.comparable };
}

function typed(d: Decision, path: string): StoredValue {
  const field = scalarFieldAt(d.schema, path);
  if (!field)
    throw new AppError('validation_failed', 'Only a single value can be overridden', {
      issues: [{ path: 'fieldPath', code: 'not_a_value', message: 'not a value' }],
    });
  const r = normalizeValue(field, d.body.value, d.project.locale);
  if (!r.ok)
    throw new AppError('validation_failed', r.message, {
      fieldErrors: [{ path, code: r.code, message: r.message }],
    });
  return { v: r.normalized, m: null, c: r.comparable };
}

async function applyToField(
  tx: Tx,
  d: Decision,
  path: string,
): Promise<{ previous: unknown; value: unknown }> {
  const row = (await fieldResultsOf(tx, d.task.id)).get(path);
  if (!row && d.body.action !== 'override') throw notFound('Field result');
  const previous = row?.value ?? null;
  if (d.body.action === 'reopen') {
    await setFieldResult(tx, d.task.id, path, { status: 'pending', value: row?.value as StoredValue | null });
    return { previous, value: null };
  }
  const value =
    d.body.action === 'decide'
      ? chosen((row?.candidates ?? []) as Candidate[], d.body.candidate ?? '')
      : typed(d, path);
  if (row) await setFieldResult(tx, d.task.id, path, { status: 'reviewed', value });
  else throw notFound('Field result');
  return { previous, value };
}

/** Applies and audits a decision, then reconciles the task. */
export async function decideReview(tx: Tx, outbox: Outbox, d: Decision): Promise<NextState> {
  const path = d.body.fieldPath ?? null;
  const action = d.body.action === 'accept' ? 'check_accept' : d.body.action;
  const change =
    path && d.body.action !== 'accept' ? await applyToField(tx, d, path) : { previous: null, value: null };
  await insertReview(tx, {
    projectId: d.project.id,
    taskId: d.task.id,
    fieldPath: path,
    editorId: d.editorId,
    action,
    previousValue: change.previous,
    value: change.value,
    note: d.body.note ?? null,
  });
  return reconcileTask(tx, outbox, { task: d.task, project: d.project, schema: d.schema });
}
