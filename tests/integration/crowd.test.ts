import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { and, eq, sql } from 'drizzle-orm';
import {
  fieldResults,
  leases,
  projects,
  records,
  tasks,
  transcriptions,
  users,
} from '../../backend/src/db/schema.js';
import { leaseNextTask } from '../../backend/src/tasks/lease-next.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { GOOD, makeCrowdWorld, next, submit, volunteer } from './crowd-support.js';

describe('crowd engine: leasing, submitting, consensus', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  const db = () => app.testDb.database.db;
  const taskRow = async (id: string) => (await db().select().from(tasks).where(eq(tasks.id, id)))[0]!;
  const result = async (taskId: string, path: string) =>
    (
      await db()
        .select()
        .from(fieldResults)
        .where(and(eq(fieldResults.taskId, taskId), eq(fieldResults.fieldPath, path)))
    )[0];

  it('verifies a record when two volunteers agree, field by field', async () => {
    const world = await makeCrowdWorld(db());
    const a = await volunteer(app.url, db());
    const b = await volunteer(app.url, db());
    const ta = await next(a.client, world.project.slug);
    expect(ta.status).toBe(200);
    expect(ta.body.task).toMatchObject({
      id: world.taskIds[0],
      fields: ['fecha', 'proveedor', 'dni', 'total', 'items'],
      isGold: false,
    });
    expect(ta.body.task.pages[0].imageUrl).toBe(`/api/v1/documents/${ta.body.task.documentId}/pages/1/image`);
    const tb = await next(b.client, world.project.slug);
    expect(tb.body.task.id).toBe(world.taskIds[0]);
    expect((await submit(a.client, ta.body.task.id, GOOD)).status).toBe(201);
    expect((await submit(b.client, tb.body.task.id, { ...GOOD, proveedor: 'LIBRERIA SUR SA' })).status).toBe(
      201,
    );
    expect((await taskRow(world.taskIds[0]!)).status).toBe('complete');
    const [record] = await db().select().from(records).where(eq(records.taskId, world.taskIds[0]!));
    expect(record!.values).toMatchObject({
      fecha: '2024-03-05',
      total: { amount: '150.00', currency: 'ARS' },
      dni: '12345678',
    });
    expect(record!.contributorCount).toBe(2);
  });

  it('gives the last slot of a task to exactly one of two racing volunteers', async () => {
    const world = await makeCrowdWorld(db());
    const a = await volunteer(app.url, db());
    expect((await next(a.client, world.project.slug)).status).toBe(200);
    const [b, c] = [await volunteer(app.url, db()), await volunteer(app.url, db())];
    const raced = await Promise.all([next(b.client, world.project.slug), next(c.client, world.project.slug)]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 404]);
    expect(raced.find((r) => r.status === 404)!.body.error.code).toBe('no_task_available');
    const live = await db().select().from(leases).where(eq(leases.taskId, world.taskIds[0]!));
    expect(live).toHaveLength(2);
  });

  it('lets a volunteer hold the task in hand plus one prefetched task, never more', async () => {
    const world = await makeCrowdWorld(db(), { docs: 4 });
    const a = await volunteer(app.url, db());
    const inHand = await next(a.client, world.project.slug);
    const prefetched = await next(a.client, world.project.slug);
    expect(prefetched.status).toBe(200);
    expect(prefetched.body.task.id).not.toBe(inHand.body.task.id);
    const liveLeases = async () =>
      (
        await db()
          .select()
          .from(leases)
          .where(and(eq(leases.userId, a.user.id), sql`${leases.expiresAt} > now()`))
      ).map((l) => l.taskId);
    expect((await liveLeases()).sort()).toEqual([inHand.body.task.id, prefetched.body.task.id].sort());
    // The task in hand is still this volunteer's: the submission counts as leased work.
    expect((await submit(a.client, inHand.body.task.id, GOOD)).status).toBe(201);
    const third = await next(a.client, world.project.slug);
    expect(third.status).toBe(200);
    expect((await liveLeases()).sort()).toEqual([prefetched.body.task.id, third.body.task.id].sort());
    // Asking once more ends the oldest lease: two at most.
    expect((await next(a.client, world.project.slug)).status).toBe(200);
    expect(await liveLeases()).toHaveLength(2);
    expect(await liveLeases()).not.toContain(prefetched.body.task.id);
  });

  it('counts a retried submission once and answers it with the same body', async () => {
    const world = await makeCrowdWorld(db());
    const a = await volunteer(app.url, db());
    const t = await next(a.client, world.project.slug);
    const body = { clientSubmissionId: 'retry-0000-0001', values: GOOD };
    const first = await a.client.post(`/api/v1/tasks/${t.body.task.id}/transcriptions`, body);
    const again = await a.client.post(`/api/v1/tasks/${t.body.task.id}/transcriptions`, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await taskRow(t.body.task.id)).doneCount).toBe(1);
    const other = await volunteer(app.url, db());
    const stolen = await other.client.post(`/api/v1/tasks/${t.body.task.id}/transcriptions`, body);
    expect(stolen.status).toBe(409);
  });

  it('accepts a late submission while a slot is free, refuses it once the slot was reclaimed', async () => {
    const world = await makeCrowdWorld(db());
    const [a, b, c] = [
      await volunteer(app.url, db()),
      await volunteer(app.url, db()),
      await volunteer(app.url, db()),
    ];
    const taskId = (await next(a.client, world.project.slug)).body.task.id as string;
    await db()
      .update(leases)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(leases.userId, a.user.id));
    expect((await submit(a.client, taskId, GOOD)).status).toBe(201);

    const world2 = await makeCrowdWorld(db());
    const t2 = (await next(b.client, world2.project.slug)).body.task.id as string;
    expect((await next(c.client, world2.project.slug)).body.task.id).toBe(t2);
    await db()
      .update(leases)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(leases.userId, b.user.id));
    const d = await volunteer(app.url, db());
    expect((await next(d.client, world2.project.slug)).body.task.id).toBe(t2);
    const late = await submit(b.client, t2, GOOD);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('lease_expired');
  });

  it('re-asks only the disputed field, then verifies it', async () => {
    const world = await makeCrowdWorld(db());
    const [a, b, c] = [
      await volunteer(app.url, db()),
      await volunteer(app.url, db()),
      await volunteer(app.url, db()),
    ];
    const taskId = world.taskIds[0]!;
    await next(a.client, world.project.slug);
    await next(b.client, world.project.slug);
    await submit(a.client, taskId, GOOD);
    await submit(b.client, taskId, { ...GOOD, dni: '12345679' });
    expect((await result(taskId, 'dni'))!.status).toBe('disputed');
    const partial = await next(c.client, world.project.slug);
    expect(partial.body.task.fields).toEqual(['dni']);
    const wrong = await submit(c.client, taskId, { dni: '12345678', fecha: '31/02/2024', nope: 1 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fieldErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nope', code: 'unknown_field' }),
        expect.objectContaining({ path: 'fecha', code: 'invalid_date' }),
      ]),
    );
    expect((await submit(c.client, taskId, { dni: '12345678' })).status).toBe(201);
    expect((await result(taskId, 'dni'))!.status).toBe('verified');
    expect((await taskRow(taskId)).status).toBe('complete');
  });

  it('never breaks a tie by arrival order', async () => {
    const world = await makeCrowdWorld(db());
    const [a, b] = [await volunteer(app.url, db()), await volunteer(app.url, db())];
    const taskId = world.taskIds[0]!;
    await next(a.client, world.project.slug);
    await next(b.client, world.project.slug);
    await submit(a.client, taskId, { ...GOOD, dni: '111' });
    await submit(b.client, taskId, { ...GOOD, dni: '222' });
    const tie = (await result(taskId, 'dni'))!;
    expect(tie.status).toBe('disputed');
    expect(tie.value).toBeNull();
    expect((tie.candidates as { support: number }[]).map((c) => c.support)).toEqual([1, 1]);
  });

  it('keeps a guest’s transcription after sign-up', async () => {
    const world = await makeCrowdWorld(db());
    const guest = new TestClient(app.url);
    await guest.guest();
    const t = await next(guest, world.project.slug);
    expect(t.status).toBe(200);
    expect((await submit(guest, t.body.task.id, GOOD)).status).toBe(201);
    const signup = await guest.signUp(`g-${Date.now()}@example.org`);
    expect(signup.status).toBe(201);
    const mine = await db()
      .select()
      .from(transcriptions)
      .where(eq(transcriptions.userId, signup.body.user.id));
    expect(mine).toHaveLength(1);
    expect((await guest.get('/api/v1/me/contributions')).body.transcriptions).toBe(1);
  });

  it('calibrates a new volunteer on a gold task without counting it anywhere else', async () => {
    const world = await makeCrowdWorld(db());
    const taskId = world.taskIds[0]!;
    for (const v of [await volunteer(app.url, db()), await volunteer(app.url, db())]) {
      await next(v.client, world.project.slug);
      await submit(v.client, taskId, GOOD);
    }
    const editor = new TestClient(app.url);
    await editor.logIn(world.editor.email!);
    const gold = await editor.post(`/api/v1/tasks/${taskId}/gold`);
    expect(gold.status).toBe(201);
    expect(gold.body.task.goldValues).toMatchObject({ dni: '12345678', fecha: '2024-03-05' });
    const newcomer = await volunteer(app.url, db());
    const deps = {
      db: db(),
      clock: { now: () => new Date() },
      random: () => 0,
    };
    const project = (await db().select().from(projects).where(eq(projects.id, world.project.id)))[0]!;
    const leased = await leaseNextTask(deps, project, newcomer.user);
    expect(leased.task.isGold).toBe(true);
    expect((await submit(newcomer.client, leased.task.id, { ...GOOD, dni: '99999999' })).status).toBe(201);
    const [after] = await db().select().from(users).where(eq(users.id, newcomer.user.id));
    expect(after!.reliabilityTotal).toBeGreaterThan(0);
    expect(after!.reliabilityAgree).toBeLessThan(after!.reliabilityTotal);
    const progress = await new TestClient(app.url).get(`/api/v1/projects/${world.project.slug}`);
    expect(progress.body.project.progress).toMatchObject({ tasksTotal: 1, transcriptions: 2 });
  });

  it('refuses work on a project that is not live', async () => {
    const world = await makeCrowdWorld(db(), { project: { status: 'paused' } });
    const a = await volunteer(app.url, db());
    const res = await next(a.client, world.project.slug);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('project_not_live');
  });
});
