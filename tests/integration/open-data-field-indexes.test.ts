/**
 * Per-project records field indexes: one partial index per sortable public field, on the
 * expression the records list sorts by, built when an editor saves a schema (and at start).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../backend/src/db/client.js';
import {
  ensureFieldIndexes,
  fieldIndexName,
  fieldIndexStatements,
} from '../../backend/src/open-data/field-indexes.js';
import { fieldExpr } from '../../backend/src/open-data/repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { seedOpenData } from './open-data-support.js';

describe('records field indexes', () => {
  let app: TestApp;
  const db = () => app.testDb.database.db;
  const exists = async (name: string) =>
    (
      await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from pg_class where relname = ${name}`,
      )
    )[0]!.n === 1;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('builds one index per sortable public field, which the sorted list walks', async () => {
    const seeded = await seedOpenData(db());
    const projectId = seeded.project.id;
    const created = await ensureFieldIndexes(app.testDb.database, projectId);
    // fecha, proveedor, cuit and importe; not the private dni, the boolean or the table.
    expect(created).toHaveLength(4);
    expect(await ensureFieldIndexes(app.testDb.database, projectId)).toEqual([]);
    const importe = { key: 'importe', kind: 'money' } as const;
    expect(created).toContain(fieldIndexName(projectId, importe));
    const plan = await db().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await queryRows<Record<string, string>>(
        tx,
        sql`explain select r.id from records r where r.project_id = ${projectId}
            order by ${fieldExpr(importe)} desc nulls first, r.id desc limit 50`,
      );
      return rows.map((r) => Object.values(r).join(' ')).join('\n');
    });
    expect(plan).toContain(fieldIndexName(projectId, importe));
    // The page itself comes back in that order.
    const page = await new TestClient(app.url).get(
      `/api/v1/projects/${seeded.project.slug}/records?sort=-importe`,
    );
    expect(page.status).toBe(200);
    expect(
      page.body.records.map((r: { values: { importe: { amount: string } } }) => r.values.importe.amount),
    ).toEqual(['1234567.89', '99.99', '0.20', '0.10', '0.01']);
  });

  it('builds one project twice at once without a failure (the builds take turns)', async () => {
    const seeded = await seedOpenData(db());
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) };
    const [first, second] = await Promise.all([
      ensureFieldIndexes(app.testDb.database, seeded.project.id, logger),
      ensureFieldIndexes(app.testDb.database, seeded.project.id, logger),
    ]);
    expect(warnings).toEqual([]);
    expect(first).toHaveLength(4);
    expect(second).toEqual([]);
  });

  it('refuses a project id that is not a uuid (the id is written into the statement)', () => {
    expect(() => fieldIndexStatements("x'; drop table records; --", [], false)).toThrow('bad project id');
  });

  it('follows the schema an editor saves', async () => {
    const seeded = await seedOpenData(db());
    const editor = new TestClient(app.url);
    await editor.logIn(seeded.editor.email!);
    const saved = await editor.request('PUT', `/api/v1/projects/${seeded.project.slug}/schema`, {
      fields: [
        { key: 'monto_total', label: 'Monto', type: 'money', currency: 'ARS' },
        { key: 'organismo', label: 'Organismo', type: 'text' },
      ],
    });
    expect(saved.status).toBe(200);
    const names = ['monto_total', 'organismo'].map((key, i) =>
      fieldIndexName(seeded.project.id, { key, kind: i === 0 ? 'money' : 'text' }),
    );
    const deadline = Date.now() + 20_000;
    while (!(await exists(names[0]!)) || !(await exists(names[1]!))) {
      if (Date.now() > deadline) throw new Error('the field indexes were not built');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
