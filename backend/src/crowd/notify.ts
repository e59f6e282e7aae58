/** Real-time notices of a reconcile, queued in the outbox (sent after the commit). */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { Tx } from '../db/client.js';
import type { ProjectRow } from '../projects/repository.js';
import type { Outbox } from '../realtime/publisher.js';
import type { TaskRow } from '../tasks/repository.js';
import type { NextState } from './next-state.js';
import { summaryOf } from './record-values.js';
import { reviewQueueSize } from './repository.js';
import type { Settled } from './settle.js';

interface Change {
  schema: FieldSchemaDefinition;
  project: ProjectRow;
  task: TaskRow;
  settled: Settled;
  next: NextState;
}

/** Queues task.progress always; disputes, reviews and verified records when they happen. */
export async function queueEvents(tx: Tx, outbox: Outbox, c: Change): Promise<void> {
  const projectSlug = c.project.slug;
  const room = `project:${projectSlug}` as const;
  const progress = {
    projectSlug,
    taskId: c.task.id,
    status: c.next.status,
    pendingFields: c.next.pendingFields,
  };
  outbox.add([`task:${c.task.id}`, `document:${c.task.documentId}`], 'task.progress', progress);
  for (const fieldPath of c.settled.newlyDisputed)
    outbox.add(room, 'field.disputed', { projectSlug, taskId: c.task.id, fieldPath });
  const toReview = c.next.status === 'review' && c.task.status !== 'review';
  if (toReview || c.settled.newlyNeedsReview.length) {
    const reason = c.next.reasons?.[0]?.message ?? `no agreement on ${c.settled.newlyNeedsReview.join(', ')}`;
    outbox.add(room, 'review.queued', {
      projectSlug,
      taskId: c.task.id,
      reason,
      queueSize: await reviewQueueSize(tx, c.project.id),
    });
  }
  if (c.next.recordId) {
    const summary = summaryOf(c.schema, c.next.values ?? {});
    outbox.add(room, 'record.verified', {
      projectSlug,
      recordId: c.next.recordId,
      taskId: c.task.id,
      documentId: c.task.documentId,
      summary,
    });
    outbox.add(room, 'leaderboard.changed', { projectSlug });
  }
}
