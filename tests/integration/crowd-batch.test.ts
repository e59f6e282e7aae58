/**
 * Group commit of submissions (SubmissionBatcher) on the real database: a batch stores what the
 * single path would, refuses a bad submission alone, keeps a task's submissions in separate
 * batches, answers retries with the first receipt, and replays a failed batch one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq, inArray } from 'drizzle-orm';
import { submitTranscriptionBody } from '../../backend/src/contracts/tasks.js';
import type { Db } from '../../backend/src/db/client.js';
import {
  fieldResults,
  leases,
  projects,
  records,
  tasks,
  transcriptions,
  users,
} from '../../backend/src/db/schema.js';
import type { Publisher } from '../../backend/src/realtime/publisher.js';
import { leaseNextTask } from '../../backend/src/tasks/lease-next.js';
import { makeGoldTask } from '../../backend/src/tasks/make-gold.js';
import { findTask } from '../../backend/src/tasks/repository.js';
import { SubmissionBatcher } from '../../backend/src/transcriptions/submit-batch.js';
import { submitTranscription } from '../../backend/src/transcriptions/submit.js';
import type { UserRow } from '../../backend/src/users/repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeUser } from '../support/factories.js';
import { GOOD, makeCrowdWorld, type CrowdWorld } from './crowd-support.js';

let seq = 0;
const body = (values: Record<string, unknown>, clientSubmissionId = `batch-${++seq}-${Date.now()}`) =>
  submitTranscriptionBody.parse({ clientSubmissionId, values });

/** A publisher that keeps what it was given, in order. */
function recordingPublisher() {
  const events: Array<{ event: string; payload: unknown }> = [];
  const publisher: Publisher = { publish: (_room, event, payload) => void events.push({ event, payload }) };
  return { publisher, events };
}

describe('group commit of submissions', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.drop());
  const db = (): Db => testDb.database.db;
  const deps = (publisher: Publisher = { publish: () => undefined }) => ({
    db: db(),
    publisher,
    clock: { now: () => new Date() },
  });
  const projectOf = async (world: CrowdWorld) =>
    (await db().select().from(projects).where(eq(projects.id, world.project.id)))[0]!;
  /** `n` volunteers, each holding a lease on a different task of the world (in task order). */
  const leased = async (world: CrowdWorld, n: number): Promise<Array<{ user: UserRow; taskId: string }>> => {
    const out = [];
    for (const taskId of world.taskIds.slice(0, n)) {
      const user = await makeUser(db(), 'volunteer');
      await db()
        .insert(leases)
        .values({ taskId, userId: user.id, expiresAt: new Date(Date.now() + 15 * 60_000) });
      out.push({ user, taskId });
    }
    return out;
  };
  /** Everything the engine stored about a world's tasks, comparable across two worlds. */
  const stateOf = async (world: CrowdWorld) => {
    const ids = world.taskIds;
    const taskRows = await db().select().from(tasks).where(inArray(tasks.id, ids));
    const results = await db().select().from(fieldResults).where(inArray(fieldResults.taskId, ids));
    const recordRows = await db().select().from(records).where(inArray(records.taskId, ids));
    const byTask = (taskId: string) => ids.indexOf(taskId);
    return {
      tasks: taskRows
        .map((t) => ({
          at: byTask(t.id),
          status: t.status,
          done: t.doneCount,
          needed: t.needed,
          wanted: t.wantedFields,
        }))
        .sort((a, b) => a.at - b.at),
      results: results
        .map((r) => ({
          at: byTask(r.taskId),
          path: r.fieldPath,
          status: r.status,
          value: r.value,
          support: r.support,
        }))
        .sort((a, b) => a.at - b.at || a.path.localeCompare(b.path)),
      records: recordRows
        .map((r) => ({ at: byTask(r.taskId), values: r.values }))
        .sort((a, b) => a.at - b.at),
    };
  };

  it('stores a batch as the single path stores the same submissions one by one', async () => {
    const rounds = [
      [GOOD, { ...GOOD, total: '151,00' }, GOOD, { ...GOOD, fecha: '06/03/2024' }],
      [GOOD, GOOD, { ...GOOD, proveedor: 'LIBRERIA SUR SA' }, GOOD],
    ];
    const reliabilityOf = async (people: UserRow[]) => {
      const rows = await db()
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            people.map((u) => u.id),
          ),
        );
      return people
        .map((u) => rows.find((r) => r.id === u.id)!)
        .map((r) => [r.reliabilityAgree, r.reliabilityTotal]);
    };
    const single = await makeCrowdWorld(db(), { docs: 4 });
    const singlePeople: UserRow[] = [];
    for (const values of rounds) {
      const holders = await leased(single, 4);
      singlePeople.push(...holders.map((h) => h.user));
      for (const [i, h] of holders.entries())
        await submitTranscription(deps(), h.taskId, h.user, body(values[i]!));
    }
    const grouped = await makeCrowdWorld(db(), { docs: 4 });
    const { publisher, events } = recordingPublisher();
    const batcher = new SubmissionBatcher(deps(publisher), { maxBatch: 8, maxInFlight: 1 });
    const groupedPeople: UserRow[] = [];
    for (const values of rounds) {
      const holders = await leased(grouped, 4);
      groupedPeople.push(...holders.map((h) => h.user));
      const receipts = await Promise.all(
        holders.map((h, i) => batcher.submit(h.taskId, h.user, body(values[i]!))),
      );
      expect(receipts.map((r) => r.transcription.taskId)).toEqual(holders.map((h) => h.taskId));
    }
    expect(batcher.stats()).toMatchObject({ batches: 2, batched: 8, largest: 4, fallbacks: 0, alone: 0 });
    const [a, b] = [await stateOf(single), await stateOf(grouped)];
    expect(b).toEqual(a);
    const reliability = await reliabilityOf(groupedPeople);
    expect(reliability).toEqual(await reliabilityOf(singlePeople));
    expect(reliability.some(([, total]) => total! > 0)).toBe(true);
    // Two tasks verified at once (the others disputed one field), with one record each.
    expect(b.tasks.filter((t) => t.status === 'complete')).toHaveLength(2);
    expect(b.records).toHaveLength(2);
    // Notices leave after the commit: each submission's progress to its task's and document's rooms.
    expect(events.filter((e) => e.event === 'task.progress')).toHaveLength(8 * 2);
    expect(events.filter((e) => e.event === 'record.verified')).toHaveLength(2);
  });

  it('refuses a bad submission alone and stores the rest of its batch', async () => {
    const world = await makeCrowdWorld(db(), { docs: 3 });
    const [a, b, c] = await leased(world, 3);
    const batcher = new SubmissionBatcher(deps(), { maxBatch: 8, maxInFlight: 1 });
    const settled = await Promise.allSettled([
      batcher.submit(a!.taskId, a!.user, body(GOOD)),
      batcher.submit(b!.taskId, b!.user, body({ ...GOOD, fecha: '31/02/2024' })),
      batcher.submit('00000000-0000-4000-8000-000000000000', c!.user, body(GOOD)),
      batcher.submit(c!.taskId, c!.user, body(GOOD)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const codeOf = (s: PromiseSettledResult<unknown>) => (s as PromiseRejectedResult).reason.code as string;
    expect(codeOf(settled[1])).toBe('validation_failed');
    expect(codeOf(settled[2])).toBe('not_found');
    expect(batcher.stats()).toMatchObject({ batches: 1, batched: 2, fallbacks: 0 });
    const stored = await db()
      .select()
      .from(transcriptions)
      .where(inArray(transcriptions.taskId, world.taskIds));
    expect(stored.map((t) => t.userId).sort()).toEqual([a!.user.id, c!.user.id].sort());
    expect((await findTask(db(), b!.taskId))!.doneCount).toBe(0);
  });

  it('puts two submissions on one task in separate batches, the second seeing the first', async () => {
    const world = await makeCrowdWorld(db(), { docs: 2 });
    const project = await projectOf(world);
    const lease = async () => {
      const user = await makeUser(db(), 'volunteer');
      const { task } = await leaseNextTask(
        { db: db(), clock: { now: () => new Date() }, random: () => 1 },
        project,
        user,
      );
      return { user, taskId: task.id };
    };
    const [a, b, c] = [await lease(), await lease(), await lease()];
    expect(b.taskId).toBe(a.taskId);
    expect(c.taskId).not.toBe(a.taskId);
    const batcher = new SubmissionBatcher(deps(), { maxBatch: 8, maxInFlight: 1 });
    await Promise.all([
      batcher.submit(a.taskId, a.user, body(GOOD)),
      batcher.submit(b.taskId, b.user, body(GOOD)),
      batcher.submit(c.taskId, c.user, body(GOOD)),
    ]);
    expect(batcher.stats()).toMatchObject({ batches: 1, batched: 2, alone: 1 });
    const shared = (await findTask(db(), a.taskId))!;
    expect(shared).toMatchObject({ status: 'complete', doneCount: 2 });
    expect(await db().select().from(records).where(eq(records.taskId, a.taskId))).toHaveLength(1);
  });

  it('answers a retried submission with the first receipt, stored once', async () => {
    const world = await makeCrowdWorld(db(), { docs: 2 });
    const [a, b] = await leased(world, 2);
    const batcher = new SubmissionBatcher(deps(), { maxBatch: 8, maxInFlight: 1 });
    const first = body(GOOD);
    const receipt = await batcher.submit(a!.taskId, a!.user, first);
    const [again] = await Promise.all([
      batcher.submit(a!.taskId, a!.user, first),
      batcher.submit(b!.taskId, b!.user, body(GOOD)),
    ]);
    expect(again).toEqual(receipt);
    const mine = await db()
      .select()
      .from(transcriptions)
      .where(eq(transcriptions.clientSubmissionId, first.clientSubmissionId));
    expect(mine).toHaveLength(1);
    expect((await findTask(db(), a!.taskId))!.doneCount).toBe(1);
  });

  it('rolls a failed batch back and replays it one by one: nothing half-stored, each gets its answer', async () => {
    const world = await makeCrowdWorld(db(), { docs: 3 });
    const [a, b, c] = await leased(world, 3);
    const batcher = new SubmissionBatcher(deps(), { maxBatch: 8, maxInFlight: 1 });
    // Two people send the same client submission id for different tasks: the second insert breaks
    // the unique index and aborts the batch's transaction.
    const shared = `shared-${Date.now()}`;
    const settled = await Promise.allSettled([
      batcher.submit(a!.taskId, a!.user, body(GOOD)),
      batcher.submit(b!.taskId, b!.user, body(GOOD, shared)),
      batcher.submit(c!.taskId, c!.user, body(GOOD, shared)),
    ]);
    expect(batcher.stats()).toMatchObject({ fallbacks: 1, batches: 0, alone: 3 });
    expect(settled[0].status).toBe('fulfilled');
    const outcomes = settled
      .slice(1)
      .map((s) => (s.status === 'fulfilled' ? 'stored' : (s.reason as { code: string }).code));
    expect(outcomes.sort()).toEqual(['conflict', 'stored']);
    const rows = await db()
      .select()
      .from(transcriptions)
      .where(inArray(transcriptions.taskId, world.taskIds));
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.clientSubmissionId === shared)).toHaveLength(1);
    const done = await db().select().from(tasks).where(inArray(tasks.id, world.taskIds));
    expect(done.map((t) => t.doneCount).sort()).toEqual([0, 1, 1]);
  });

  it('answers the others when one submission’s notices cannot go out (its work stays stored)', async () => {
    const world = await makeCrowdWorld(db(), { docs: 2 });
    const [a, b] = await leased(world, 2);
    const failing: Publisher = {
      publish: (room) => {
        if (room === `task:${a!.taskId}`) throw new Error('publisher down');
      },
    };
    const batcher = new SubmissionBatcher(deps(failing), { maxBatch: 8, maxInFlight: 1 });
    const settled = await Promise.allSettled([
      batcher.submit(a!.taskId, a!.user, body(GOOD)),
      batcher.submit(b!.taskId, b!.user, body(GOOD)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled']);
    expect(batcher.stats()).toMatchObject({ batches: 1, batched: 2 });
    const stored = await db()
      .select()
      .from(transcriptions)
      .where(inArray(transcriptions.taskId, world.taskIds));
    expect(stored).toHaveLength(2);
  });

  it('leaves a gold submission to its own path, after the batch', async () => {
    const world = await makeCrowdWorld(db(), { docs: 3 });
    const verified = world.taskIds[0]!;
    for (const h of await leased(world, 1)) await submitTranscription(deps(), h.taskId, h.user, body(GOOD));
    for (const h of await leased(world, 1)) await submitTranscription(deps(), h.taskId, h.user, body(GOOD));
    expect((await findTask(db(), verified))!.status).toBe('complete');
    const gold = await db().transaction(async (tx) => makeGoldTask(tx, (await findTask(tx, verified))!));
    const newcomer = await makeUser(db(), 'volunteer');
    const project = await projectOf(world);
    const leaseDeps = { db: db(), clock: { now: () => new Date() }, random: () => 0 };
    expect((await leaseNextTask(leaseDeps, project, newcomer)).task.id).toBe(gold.id);
    const [other] = await leased(world, 1);
    const batcher = new SubmissionBatcher(deps(), { maxBatch: 8, maxInFlight: 1 });
    await Promise.all([
      batcher.submit(gold.id, newcomer, body({ ...GOOD, dni: '99999999' })),
      batcher.submit(other!.taskId, other!.user, body(GOOD)),
    ]);
    expect(batcher.stats()).toMatchObject({ alone: 1, fallbacks: 0 });
    expect((await findTask(db(), gold.id))!.doneCount).toBe(1);
    const [scored] = await db().select().from(users).where(eq(users.id, newcomer.id));
    expect(scored!.reliabilityTotal).toBeGreaterThan(0);
    expect(scored!.reliabilityAgree).toBeLessThan(scored!.reliabilityTotal);
  });
});
