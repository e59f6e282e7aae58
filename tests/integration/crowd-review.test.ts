import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { records, tasks } from '../../backend/src/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { makeOrganization, makeUser } from '../support/factories.js';
import { GOOD, makeCrowdWorld, next, SIMPLE_SCHEMA, submit, volunteer } from './crowd-support.js';

describe('crowd engine: review, entities, public data, authorization', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  const db = () => app.testDb.database.db;
  const login = async (email: string) => {
    const c = new TestClient(app.url);
    await c.logIn(email);
    return c;
  };

  async function transcribeAll(slug: string, taskId: string, values: Record<string, unknown>[]) {
    for (const v of values) {
      const { client } = await volunteer(app.url, db());
      expect((await next(client, slug)).body.task.id).toBe(taskId);
      expect((await submit(client, taskId, v)).status).toBe(201);
    }
  }

  it('queues a field still disputed at the limit and lets an editor decide it, audited', async () => {
    const world = await makeCrowdWorld(db(), { project: { maxTranscriptions: 3 } });
    const taskId = world.taskIds[0]!;
    await transcribeAll(world.project.slug, taskId, [
      { ...GOOD, dni: '111' },
      { ...GOOD, dni: '222' },
      { dni: '333' },
    ]);
    const editor = await login(world.editor.email!);
    const queue = await editor.get(`/api/v1/projects/${world.project.slug}/reviews`);
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: { fieldPath: string }) => i.fieldPath === 'dni');
    expect(item.kind).toBe('disputed_field');
    expect(item.candidates.map((c: { candidate: string }) => c.candidate).sort()).toEqual([
      '111',
      '222',
      '333',
    ]);
    expect(item.candidates[0].votes[0]).toMatchObject({
      weight: expect.any(Number),
      reliability: expect.any(Number),
    });
    expect(item.crop).toMatchObject({ documentId: expect.any(String), page: 1 });
    const decided = await editor.post(`/api/v1/reviews/${taskId}/decide`, {
      fieldPath: 'dni',
      action: 'decide',
      candidate: '222',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.task.status).toBe('complete');
    const [record] = await db().select().from(records).where(eq(records.taskId, taskId));
    expect(record!.values.dni).toBe('222');
    expect(record!.reviewed).toBe(true);
    const history = await editor.get(`/api/v1/projects/${world.project.slug}/reviews/history`);
    expect(history.body.decisions[0]).toMatchObject({
      action: 'decide',
      fieldPath: 'dni',
      value: { c: '222' },
    });
  });

  it('sends a record whose sum check fails to review with the reason, and accepts it', async () => {
    const world = await makeCrowdWorld(db());
    const taskId = world.taskIds[0]!;
    await transcribeAll(world.project.slug, taskId, [
      { ...GOOD, total: '999,00' },
      { ...GOOD, total: '999,00' },
    ]);
    const [task] = await db().select().from(tasks).where(eq(tasks.id, taskId));
    expect(task!.status).toBe('review');
    expect(task!.reviewReasons).toEqual([expect.objectContaining({ code: 'check_failed' })]);
    const editor = await login(world.editor.email!);
    const queue = await editor.get(`/api/v1/projects/${world.project.slug}/reviews`);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ taskId, kind: 'failed_check', fieldPath: null }),
    ]);
    const override = await editor.post(`/api/v1/reviews/${taskId}/decide`, {
      fieldPath: 'total',
      action: 'override',
      value: '150,00',
    });
    expect(override.body.task.status).toBe('complete');
  });

  it('publishes only public fields, and canonicalises entities with fuzzy suggestions', async () => {
    const world = await makeCrowdWorld(db());
    await transcribeAll(world.project.slug, world.taskIds[0]!, [GOOD, GOOD]);
    const anon = new TestClient(app.url);
    const list = await anon.get(`/api/v1/projects/${world.project.slug}/records?limit=5`);
    expect(list.status).toBe(200);
    expect(list.body.records[0].values).toMatchObject({
      fecha: '2024-03-05',
      proveedor: 'Librería Sur S.A.',
    });
    expect(JSON.stringify(list.body)).not.toContain('12345678');
    expect(list.body.records[0].provenance).toMatchObject({ contributors: 2, reviewed: false, page: null });
    const suggest = await anon.get(
      `/api/v1/projects/${world.project.slug}/entities/suggest?kind=supplier&q=libreria sur`,
    );
    expect(suggest.body.suggestions[0]).toMatchObject({ name: 'Librería Sur S.A.' });
    const board = await anon.get(`/api/v1/projects/${world.project.slug}/leaderboard`);
    expect(board.body.people).toHaveLength(2);
    expect(board.body.people[0]).toMatchObject({ transcriptions: 1, verified: 1 });
  });

  it('merges, splits and renames entities with an audit trail', async () => {
    const world = await makeCrowdWorld(db());
    const editor = await login(world.editor.email!);
    const base = `/api/v1/projects/${world.project.slug}/entities`;
    const a = (await editor.post(base, { kind: 'supplier', name: 'Acme S.A.' })).body.entity.id;
    const b = (await editor.post(base, { kind: 'supplier', name: 'Akme Servicios' })).body.entity.id;
    expect((await editor.post(`${base}/merge`, { into: a, from: [b] })).status).toBe(200);
    const merged = (await editor.get(`${base}?kind=supplier`)).body.entities;
    expect(merged).toHaveLength(1);
    expect(merged[0].aliases).toHaveLength(2);
    const alias = merged[0].aliases.find((x: { alias: string }) => x.alias !== 'Acme S.A.');
    const split = await editor.post(`${base}/${a}/split`, { aliasIds: [alias.id], name: 'Acme Norte S.A.' });
    expect(split.status).toBe(201);
    expect((await editor.patch(`${base}/${a}`, { name: 'ACME' })).status).toBe(200);
    const history = (await editor.get(`${base}/history`)).body.events.map((e: { type: string }) => e.type);
    expect(history).toEqual(['entity.renamed', 'entity.split', 'entity.merged']);
  });

  it('allows each endpoint only to the roles it is for', async () => {
    const world = await makeCrowdWorld(db(), { docs: 3 });
    const slug = world.project.slug;
    const otherEditor = await makeUser(db(), 'editor');
    await makeOrganization(db(), [otherEditor]);
    const admin = await makeUser(db(), 'admin');
    const vol = await makeUser(db(), 'volunteer');
    const guest = new TestClient(app.url);
    await guest.guest();
    const anonymous = new TestClient(app.url);
    await anonymous.session();
    const callers: Record<string, TestClient> = {
      anonymous,
      guest,
      volunteer: await login(vol.email!),
      otherEditor: await login(otherEditor.email!),
      editor: await login(world.editor.email!),
      admin: await login(admin.email!),
    };
    const checks: [string, (c: TestClient) => Promise<{ status: number }>, number[]][] = [
      ['GET schema', (c) => c.get(`/api/v1/projects/${slug}/schema`), [401, 403, 403, 403, 200, 200]],
      [
        'PUT schema',
        (c) => c.request('PUT', `/api/v1/projects/${slug}/schema`, SIMPLE_SCHEMA),
        [401, 403, 403, 403, 200, 200],
      ],
      ['GET reviews', (c) => c.get(`/api/v1/projects/${slug}/reviews`), [401, 403, 403, 403, 200, 200]],
      [
        'GET history',
        (c) => c.get(`/api/v1/projects/${slug}/reviews/history`),
        [401, 403, 403, 403, 200, 200],
      ],
      [
        'decide',
        (c) => c.post(`/api/v1/reviews/${world.taskIds[0]}/decide`, { action: 'accept' }),
        [401, 403, 403, 403, 200, 200],
      ],
      ['entities', (c) => c.get(`/api/v1/projects/${slug}/entities`), [401, 403, 403, 403, 200, 200]],
      ['records', (c) => c.get(`/api/v1/projects/${slug}/records`), [200, 200, 200, 200, 200, 200]],
      ['leaderboard', (c) => c.get(`/api/v1/projects/${slug}/leaderboard`), [200, 200, 200, 200, 200, 200]],
      ['contributions', (c) => c.get('/api/v1/me/contributions'), [401, 200, 200, 200, 200, 200]],
      ['next', (c) => c.post(`/api/v1/projects/${slug}/tasks/next`), [401, 200, 200, 200, 200, 200]],
    ];
    for (const [name, call, expected] of checks) {
      const got: number[] = [];
      for (const c of Object.values(callers)) got.push((await call(c)).status);
      expect([name, got]).toEqual([name, expected]);
    }
  });
});
