import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { fieldResults, leases, records, tasks } from '../../backend/src/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { GOOD, makeCrowdWorld, next, submit, volunteer } from './crowd-support.js';

describe('crowd engine: leasing and submitting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  const db = () => app.testDb.database.db;

  it('verifies a record when two volunteers agree, field by field', async () => {
    const world = await makeCrowdWorld(db());
    const a = await volunteer(app.url, db());
    const b = await volunteer(app.url, db());
    const ta = await next(a.client, world.project.slug);
    expect(ta.status).toBe(200);
    expect(ta.body.task).toMatchObject({ id: world.taskIds[0], fields: ['fecha', 'proveedor', 'dni', 'total', 'items'], isGold: false });
    expect(ta.body.task.pages[0].imageUrl).toBe(`/api/v1/documents/${ta.body.task.documentId}/pages/1/image`);
    const tb = await next(b.client, world.project.slug);
    expect(tb.body.task.id).toBe(world.taskIds[0]);
    const sa = await submit(a.client, ta.body.task.id, GOOD);
    expect(sa.status).toBe(201);
    const sb = await submit(b.client, tb.body.task.id, { ...GOOD, proveedor: 'LIBRERIA SUR SA' });
    expect(sb.status).toBe(201);
    const [task] = await db().select().from(tasks).where(eq(tasks.id, world.taskIds[0]!));
    expect(task!.status).toBe('complete');
    const [record] = await db().select().from(records).where(eq(records.taskId, world.taskIds[0]!));
    expect(record!.values).toMatchObject({ fecha: '2024-03-05', total: { amount: '150.00', currency: 'ARS' }, dni: '12345678' });
    expect(record!.contributorCount).toBe(2);
  });
});
