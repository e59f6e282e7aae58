/**
 * Leases that arrive together (LeaseBatcher) on the real database: one statement grants them in
 * arrival order and never beyond a task's need, shares a task between callers as separate
 * statements would, keeps projects apart, and a request that fails cannot fail the others.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { and, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../backend/src/db/client.js';
import { leases } from '../../backend/src/db/schema.js';
import { LeaseBatcher } from '../../backend/src/tasks/lease-batch.js';
import { leaseNextTask } from '../../backend/src/tasks/lease-next.js';
import type { UserRow } from '../../backend/src/users/repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeUser } from '../support/factories.js';
import { makeCrowdWorld, type CrowdWorld } from './crowd-support.js';

describe('leases granted together', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.drop());
  const db = (): Db => testDb.database.db;
  const request = (world: CrowdWorld, user: Pick<UserRow, 'id'>) => ({
    projectId: world.project.id,
    userId: user.id,
    now: new Date(),
    expiresAt: new Date(Date.now() + 15 * 60_000),
  });
  const volunteers = (n: number) => Promise.all(Array.from({ length: n }, () => makeUser(db(), 'volunteer')));
  const liveLeases = (taskIds: string[]) =>
    db()
      .select()
      .from(leases)
      .where(and(inArray(leases.taskId, taskIds), gt(leases.expiresAt, new Date())));

  it('grants in arrival order, in one statement, never beyond what a task needs', async () => {
    // Three tasks needing two transcriptions each: six slots for eight callers.
    const world = await makeCrowdWorld(db(), { docs: 3 });
    const batcher = new LeaseBatcher(db());
    const users = await volunteers(8);
    const granted = await Promise.all(users.map((u) => batcher.lease(request(world, u))));
    expect(batcher.stats()).toMatchObject({ batches: 1, batched: 8, alone: 0, fallbacks: 0 });
    // Oldest task first, two callers each (as eight statements one after another would lease),
    // and the last two callers get none.
    expect(granted.map((t) => (t ? world.taskIds.indexOf(t.id) : null))).toEqual([
      0,
      0,
      1,
      1,
      2,
      2,
      null,
      null,
    ]);
    const live = await liveLeases(world.taskIds);
    expect(live).toHaveLength(6);
    for (const [i, task] of granted.entries())
      if (task) expect(live.some((l) => l.taskId === task.id && l.userId === users[i]!.id)).toBe(true);
  });

  it('gives one caller asking twice in a batch two different tasks', async () => {
    const world = await makeCrowdWorld(db(), { docs: 2 });
    const batcher = new LeaseBatcher(db());
    const [user] = await volunteers(1);
    const [a, b] = await Promise.all([
      batcher.lease(request(world, user!)),
      batcher.lease(request(world, user!)),
    ]);
    expect(a && b && a.id !== b.id).toBe(true);
    expect(batcher.stats().batched).toBe(2);
  });

  it('keeps the projects of one batch apart', async () => {
    const [one, two] = [await makeCrowdWorld(db()), await makeCrowdWorld(db())];
    const batcher = new LeaseBatcher(db());
    const users = await volunteers(4);
    const granted = await Promise.all(users.map((u, i) => batcher.lease(request(i % 2 ? two : one, u))));
    expect(granted.map((t) => t?.projectId)).toEqual([
      one.project.id,
      two.project.id,
      one.project.id,
      two.project.id,
    ]);
  });

  it('takes the single path for a lone request', async () => {
    const world = await makeCrowdWorld(db());
    const batcher = new LeaseBatcher(db());
    const [user] = await volunteers(1);
    expect((await batcher.lease(request(world, user!)))?.id).toBe(world.taskIds[0]);
    expect(batcher.stats()).toMatchObject({ batches: 0, alone: 1 });
  });

  it('fails a bad request alone: the batch goes one by one and the others get their tasks', async () => {
    // One by one means at the same time, each skipping the tasks the others hold locked: enough
    // tasks that every caller finds one free.
    const world = await makeCrowdWorld(db(), { docs: 4 });
    const batcher = new LeaseBatcher(db());
    const users = await volunteers(3);
    // No such person: their lease row breaks the foreign key, and with it the batch's statement.
    const ghost = { id: randomUUID() };
    const outcomes = await Promise.allSettled(
      [users[0]!, ghost, users[1]!, users[2]!].map((u) => batcher.lease(request(world, u))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(batcher.stats()).toMatchObject({ batches: 0, fallbacks: 1, alone: 4 });
    const live = await liveLeases(world.taskIds);
    expect(live.map((l) => l.userId).sort()).toEqual(users.map((u) => u.id).sort());
  });

  it('serves the lease use case through the batcher, gold tasks still apart', async () => {
    const world = await makeCrowdWorld(db(), { docs: 2 });
    const leasesBatcher = new LeaseBatcher(db());
    const deps = { db: db(), clock: { now: () => new Date() }, leases: leasesBatcher, random: () => 0.99 };
    const users = await volunteers(3);
    const project = { ...world.project, status: 'live' as const };
    const granted = await Promise.all(users.map((u) => leaseNextTask(deps, project, u)));
    expect(granted.map((g) => world.taskIds.indexOf(g.task.id))).toEqual([0, 0, 1]);
    expect(granted[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(leasesBatcher.stats().batched).toBe(3);
  });
});
