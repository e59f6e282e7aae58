/**
 * Submitting a transcription. Idempotent by clientSubmissionId: a retry returns the first receipt.
 * Lease rule: the caller's live lease is required, except that a late submission (the lease
 * expired) is still accepted when the task is open and has a free slot — the lease is renewed and
 * used up atomically under the task's row lock, so it never over-fills a task; otherwise 409
 * lease_expired. Consensus, record and reliability are updated in the same transaction.
 */
import type { SubmissionReceipt, SubmitTranscriptionBody } from '../contracts/tasks.js';
import { reconcileTask, type ReconcileTarget, type Reconciled } from '../crowd/reconcile.js';
import { consensusStateFrom, consensusStateOf, type NewTranscription } from '../crowd/repository.js';
import type { SubmissionEntry } from '../crowd/domain/index.js';
import type { Db, Tx } from '../db/client.js';
import { retryOnDeadlock, sqlState } from '../db/retry.js';
import { AppError, notFound } from '../errors.js';
import type { Clock } from '../http/context.js';
import { inTransaction, type Outbox, type Publisher } from '../realtime/publisher.js';
import { loadSchema } from '../schemas/cached.js';
import { countLiveLeases, deleteLease } from '../tasks/lease-repository.js';
import {
  lockTaskForSubmission,
  updateTaskState,
  type LockedForSubmission,
  type TaskRow,
} from '../tasks/repository.js';
import type { UserRow } from '../users/repository.js';
import { validateTaskSubmission } from './entries.js';
import { findBySubmissionId, insertTranscription, type TranscriptionRow } from './repository.js';
import { scoreGold } from './score-gold.js';
import { askedPaths } from './asked-paths.js';
import type { ProgressTicker } from '../crowd/progress-ticker.js';

export interface SubmitDeps {
  db: Db;
  publisher: Publisher;
  clock: Clock;
  /** Coalesced project.progress notices (none in the CLI simulation). */
  progress?: ProgressTicker;
}

function receiptOf(
  row: Pick<TranscriptionRow, 'id' | 'taskId' | 'clientSubmissionId' | 'createdAt'>,
): SubmissionReceipt {
  const { id, taskId, clientSubmissionId } = row;
  return { transcription: { id, taskId, clientSubmissionId, createdAt: row.createdAt.toISOString() } };
}

/** The first receipt again for a retried submission (someone else's id is a conflict). */
function replay(row: TranscriptionRow, user: UserRow): SubmissionReceipt {
  if (row.userId !== user.id)
    throw new AppError('conflict', 'This clientSubmissionId was used by someone else');
  return receiptOf(row);
}

async function ensureLease(
  tx: Tx,
  task: TaskRow,
  userId: string,
  leaseExpiresAt: Date | null,
  now: Date,
): Promise<void> {
  if ((leaseExpiresAt && leaseExpiresAt > now) || task.isGold) return;
  // A late submission: re-count live leases in a fresh statement (it sees every committed lease).
  const free = task.status === 'open' && (await countLiveLeases(tx, task.id, now, userId)) < task.needed;
  if (!free)
    throw new AppError('lease_expired', 'Your time on this task ran out and the task no longer needs it');
}

/** What a submission comes to once checked under its task's lock (prepareSubmission). */
export type PreparedSubmission =
  | { kind: 'replay'; receipt: SubmissionReceipt }
  | {
      kind: 'gold';
      task: TaskRow;
      transcription: NewTranscription;
      entries: Record<string, SubmissionEntry>;
    }
  | { kind: 'crowd'; target: ReconcileTarget & { submission: NonNullable<ReconcileTarget['submission']> } };

/**
 * Checks a submission against its locked task (what lockTaskForSubmission read): a replay gives
 * the first receipt; otherwise the project must take work, the caller must not have transcribed
 * the task and must hold a lease (or find a free slot), and the values must pass the schema.
 * Reads only; throws an AppError for a refused submission, before anything is written.
 */
export async function prepareSubmission(
  tx: Tx,
  deps: SubmitDeps,
  locked: LockedForSubmission | undefined,
  user: UserRow,
  body: SubmitTranscriptionBody,
): Promise<PreparedSubmission> {
  if (!locked) throw notFound('Task');
  const { task, project } = locked;
  const again = locked.replayId ? await findBySubmissionId(tx, body.clientSubmissionId) : undefined;
  if (again) return { kind: 'replay', receipt: replay(again, user) };
  if (project.status !== 'live' && project.status !== 'paused')
    throw new AppError('project_not_live', 'This project is not accepting work now');
  if (locked.transcribed) throw alreadyTranscribed();
  await ensureLease(tx, task, user.id, locked.leaseExpiresAt, deps.clock.now());
  const loaded = task.schemaId ? await loadSchema(deps.db, tx, task.schemaId) : undefined;
  if (!loaded) throw new AppError('conflict', 'This project has no field schema yet');
  const { schema } = loaded;
  const wanted = task.isGold ? null : askedPaths(schema, task.wantedFields, body);
  const checked = validateTaskSubmission(schema, wanted, {
    values: body.values,
    markers: body.markers,
    locale: project.locale,
  });
  if (!checked.ok)
    throw new AppError('validation_failed', 'Some fields are not valid', { fieldErrors: checked.errors });
  const transcription = {
    userId: user.id,
    schemaId: loaded.row.id,
    clientSubmissionId: body.clientSubmissionId,
    rawValues: body.values,
    normalizedValues: checked.entries,
    markers: body.markers,
    sources: body.sources,
    secondsSpent: body.secondsSpent ?? null,
  };
  if (task.isGold) return { kind: 'gold', task, transcription, entries: checked.entries };
  // The state read with the lock is current unless another submission changed the task meanwhile.
  const state = locked.changedSinceSnapshot
    ? await consensusStateOf(tx, task.id)
    : consensusStateFrom(locked);
  const reliability = locked.reliability ?? { agree: user.reliabilityAgree, total: user.reliabilityTotal };
  return {
    kind: 'crowd',
    target: {
      task: { ...task, doneCount: task.doneCount + 1 },
      project,
      schema,
      handle: deps.db,
      submission: {
        transcription,
        state,
        // As consensus reads it back from the database (JSON), with the submitter's reliability now.
        input: {
          userId: user.id,
          entries: JSON.parse(JSON.stringify(checked.entries)) as unknown,
          sources: body.sources ?? {},
          ...reliability,
        },
      },
    },
  };
}

/** Stores a gold-task submission and scores it (gold tasks count toward nothing else). */
async function storeGold(
  tx: Tx,
  user: UserRow,
  prepared: Extract<PreparedSubmission, { kind: 'gold' }>,
): Promise<SubmissionReceipt> {
  const { task } = prepared;
  const row = await insertTranscription(tx, { ...prepared.transcription, taskId: task.id, isGold: true });
  await deleteLease(tx, task.id, user.id);
  await updateTaskState(tx, task.id, { doneCount: task.doneCount + 1 });
  await scoreGold(tx, user.id, task.goldValues ?? {}, prepared.entries);
  return receiptOf(row);
}

/** The receipt of a stored crowd submission, and its project when the task changed status. */
export function crowdReceipt(
  target: Extract<PreparedSubmission, { kind: 'crowd' }>['target'],
  next: Reconciled,
): { receipt: SubmissionReceipt; changedProject?: { id: string; slug: string } } {
  const { task, project } = target;
  const stored = next.transcription!;
  return {
    receipt: receiptOf({
      id: stored.id,
      taskId: task.id,
      clientSubmissionId: target.submission.transcription.clientSubmissionId,
      createdAt: stored.createdAt,
    }),
    // The target's task is as locked (status unchanged), with this submission counted.
    changedProject: next.status !== task.status ? { id: project.id, slug: project.slug } : undefined,
  };
}

async function submitIn(
  tx: Tx,
  outbox: Outbox,
  deps: SubmitDeps,
  taskId: string,
  user: UserRow,
  body: SubmitTranscriptionBody,
  changed: { project?: { id: string; slug: string } },
) {
  const locked = await lockTaskForSubmission(tx, {
    taskId,
    userId: user.id,
    clientSubmissionId: body.clientSubmissionId,
  });
  const prepared = await prepareSubmission(tx, deps, locked, user, body);
  if (prepared.kind === 'replay') return prepared.receipt;
  if (prepared.kind === 'gold') return storeGold(tx, user, prepared);
  const next = await reconcileTask(tx, outbox, prepared.target);
  const { receipt, changedProject } = crowdReceipt(prepared.target, next);
  if (changedProject) changed.project = changedProject;
  return receipt;
}

const alreadyTranscribed = () => new AppError('conflict', 'You already transcribed this task');

const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';

/** Stores a transcription and reconciles its task; returns the receipt (the same on a retry). */
export async function submitTranscription(
  deps: SubmitDeps,
  taskId: string,
  user: UserRow,
  body: SubmitTranscriptionBody,
): Promise<SubmissionReceipt> {
  try {
    const changed: { project?: { id: string; slug: string } } = {};
    const receipt = await retryOnDeadlock(() =>
      inTransaction(deps.db, deps.publisher, (tx, outbox) =>
        submitIn(tx, outbox, deps, taskId, user, body, changed),
      ),
    );
    if (changed.project) deps.progress?.request(changed.project.id, changed.project.slug);
    return receipt;
  } catch (error) {
    const raced = isUniqueViolation(error)
      ? await findBySubmissionId(deps.db, body.clientSubmissionId)
      : undefined;
    if (raced) return replay(raced, user);
    // The same person's other submission for this task committed while this one waited for the lock.
    if (isUniqueViolation(error)) throw alreadyTranscribed();
    throw error;
  }
}
