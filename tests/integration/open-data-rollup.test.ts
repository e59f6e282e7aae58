/**
 * Aggregates read from the rollup the record triggers keep (migration 0007) are exactly what
 * reading every record gives, and stay so when records are verified, decided and removed; the
 * CSV export's COPY path (PostgreSQL server) writes the same bytes as the page-by-page path.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { AggregateQuery } from '../../backend/src/contracts/open-data.js';
import { records, fieldSchemas } from '../../backend/src/db/schema.js';
import { queryRows } from '../../backend/src/db/client.js';
import { parseCsv } from '../../backend/src/exports/csv.js';
import { poolOf } from '../../backend/src/exports/copy-csv.js';
import { exportProject } from '../../backend/src/exports/export-project.js';
import { exportRecords } from '../../backend/src/exports/export-records.js';
import { csvSink } from '../../backend/src/exports/sinks.js';
import { aggregate } from '../../backend/src/open-data/aggregate-records.js';
import { exportLayout } from '../../backend/src/open-data/columns.js';
import { queryFields } from '../../backend/src/open-data/filters.js';
import {
  aggregateRecords,
  aggregateRollup,
  latestSchema,
  rollupState,
  type AggregateSpec,
} from '../../backend/src/open-data/repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { usingServer } from '../support/database.js';
import { addRecord, collect, OPEN_SCHEMA, seedOpenData } from './open-data-support.js';

let app: TestApp;
const db = () => app.server.ctx.database.db;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const QUERIES: AggregateQuery[] = [
  { groupBy: 'proveedor', sum: 'importe', count: '', limit: 100 },
  { groupBy: 'proveedor', avg: 'importe', min: 'importe', max: 'importe', limit: 100 },
  { groupBy: 'month(fecha)', sum: 'importe', count: '', limit: 100 },
  { groupBy: 'month(fecha)', count: '', limit: 100 },
  { groupBy: 'pagado', max: 'importe', count: '', limit: 2 },
];

/** The aggregate as the API answers it, and what reading every record answers. */
async function both(projectId: string, query: AggregateQuery) {
  const viaApi = await aggregate({ db: db() }, projectId, query);
  const fields = queryFields(await latestSchema(db(), projectId));
  const month = /^month\((.+)\)$/.exec(query.groupBy);
  const ops = (['sum', 'avg', 'min', 'max'] as const).filter((op) => query[op]);
  const spec: AggregateSpec = {
    group: { field: fields.get(month ? month[1]! : query.groupBy)!, month: Boolean(month) },
    metrics: ops.map((op) => ({ op, field: fields.get(query[op]!)! })),
    count: true,
    currencyOf: ops.length ? fields.get('importe') : undefined,
    limit: query.limit,
  };
  const exact = await aggregateRecords(db(), projectId, spec);
  return { viaApi, exact, spec };
}

/** The API's groups in the shape of the exact rows (every metric asked for, count always). */
const shape = (rows: Array<Record<string, unknown>>, query: AggregateQuery) =>
  rows.map((r) => ({
    key: r.key ?? null,
    currency: query.sum || query.avg || query.min || query.max ? (r.currency ?? null) : null,
    ...Object.fromEntries(
      (['sum', 'avg', 'min', 'max'] as const).filter((op) => query[op]).map((op) => [op, r[op] ?? null]),
    ),
  }));

async function expectRollupMatchesRecords(projectId: string) {
  for (const query of QUERIES) {
    const { viaApi, exact, spec } = await both(projectId, query);
    expect(shape(viaApi.groups, query)).toEqual(shape(exact, query));
    if (query.count !== undefined) {
      expect(viaApi.groups.map((g) => g.count)).toEqual(exact.map((r) => Number(r.count)));
    }
    // The rollup itself, not only whatever path the API chose, gives the same groups.
    const dim = spec.group.month ? `month(${spec.group.field.key})` : spec.group.field.key;
    const metric = spec.metrics[0]?.field.key ?? '';
    const state = await rollupState(db(), projectId, dim, metric);
    expect(state.covered).toBe(true);
    if (!state.stale) {
      const fromRollup = await aggregateRollup(db(), projectId, spec, dim, metric);
      expect(shape(fromRollup, query)).toEqual(shape(exact, query));
      expect(fromRollup.map((r) => r.count)).toEqual(exact.map((r) => r.count));
    }
  }
}

describe('aggregate rollup', () => {
  it('answers exactly what the records say, and follows verification, decisions and removals', async () => {
    const seeded = await seedOpenData(db(), {
      records: [
        { fecha: '2024-01-15', proveedor: 'Librería Sur S.A.', importe: '9.50' },
        { fecha: '2024-01-20', proveedor: 'Imprenta Oeste', importe: '10.00' },
        { fecha: '2024-02-03', proveedor: 'Café "El Ñandú", SRL', importe: '1234567.89' },
        { fecha: '2024-02-28', proveedor: 'Transportes Norte', importe: '99.99', pagado: false },
        { fecha: '2024-03-01', proveedor: 'Transportes Norte', importe: '0.01' },
      ],
    });
    const projectId = seeded.project.id;
    await expectRollupMatchesRecords(projectId);

    // Sums are ordered as numbers: 10.00 before 9.50 (as text, "9.50" would come first).
    const bySupplier = await aggregate({ db: db() }, projectId, QUERIES[0]!);
    expect(bySupplier.groups.map((g) => g.key)).toEqual([
      'Café "El Ñandú", SRL',
      'Transportes Norte',
      'Imprenta Oeste',
      'Librería Sur S.A.',
    ]);

    // A record is verified: the aggregate changes at once.
    const added = await addRecord(db(), seeded.ids, {
      fecha: '2024-03-09',
      proveedor: 'Librería Sur S.A.',
      importe: '0.55',
    });
    let libreria = (await aggregate({ db: db() }, projectId, QUERIES[0]!)).groups.find(
      (g) => g.key === 'Librería Sur S.A.',
    );
    expect(libreria).toEqual({ key: 'Librería Sur S.A.', currency: 'ARS', count: 2, sum: '10.05' });
    await expectRollupMatchesRecords(projectId);

    // An editor's decision moves the record to another supplier and amount.
    const values = {
      ...added.values,
      proveedor: 'Imprenta Oeste',
      importe: { amount: '7.25', currency: 'ARS' },
    };
    await db().update(records).set({ values, reviewed: true }).where(eq(records.id, added.id));
    libreria = (await aggregate({ db: db() }, projectId, QUERIES[0]!)).groups.find(
      (g) => g.key === 'Librería Sur S.A.',
    );
    expect(libreria).toEqual({ key: 'Librería Sur S.A.', currency: 'ARS', count: 1, sum: '9.50' });
    await expectRollupMatchesRecords(projectId);

    // Removing the record that held a group's maximum marks the group's min/max stale; the next
    // aggregate asking for them recomputes them from the records, once.
    await db()
      .delete(records)
      .where(sql`${records.values}->>'proveedor' = 'Café "El Ñandú", SRL'`);
    await db().update(records).set({ reviewed: false }).where(eq(records.projectId, projectId));
    expect((await rollupState(db(), projectId, 'month(fecha)', 'importe')).stale).toBe(true);
    const minMax: AggregateQuery = { groupBy: 'month(fecha)', min: 'importe', max: 'importe', limit: 100 };
    const { viaApi, exact } = await both(projectId, minMax);
    expect(shape(viaApi.groups, minMax)).toEqual(shape(exact, minMax));
    expect(viaApi.groups.find((g) => g.key === '2024-02')).toMatchObject({ min: '99.99', max: '99.99' });
    expect((await rollupState(db(), projectId, 'month(fecha)', 'importe')).stale).toBe(false);
    await expectRollupMatchesRecords(projectId);
    const feb = (await aggregate({ db: db() }, projectId, QUERIES[2]!)).groups.find(
      (g) => g.key === '2024-02',
    );
    expect(feb).toEqual({ key: '2024-02', currency: 'ARS', count: 1, sum: '99.99' });
  });

  it('counts a record the crowd engine inserts when its transaction commits, as it then stands', async () => {
    const seeded = await seedOpenData(db());
    const projectId = seeded.project.id;
    const norte = async () =>
      (await aggregate({ db: db() }, projectId, QUERIES[0]!)).groups.find(
        (g) => g.key === 'Transportes Norte',
      );
    const before = await norte();
    expect(before).toEqual({ key: 'Transportes Norte', currency: 'ARS', count: 2, sum: '100.00' });
    const pending = (spec: { importe: string; proveedor?: string }) =>
      sql`insert into records (project_id, task_id, document_id, row_index, values, agreement,
          contributor_count, rollup_pending)
        values (${projectId}, ${seeded.ids.taskId}, ${seeded.ids.documentId}, ${Math.floor(Math.random() * 1e6)},
          ${JSON.stringify({
            proveedor: spec.proveedor ?? 'Transportes Norte',
            fecha: '2024-03-05',
            importe: { amount: spec.importe, currency: 'ARS' },
          })}::jsonb, 1, 2, true)
        returning id`;
    const counted = await db().transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(tx, pending({ importe: '1.00' }));
      // Not counted yet inside its own transaction: the rollup rows are not touched before commit.
      const [group] = await queryRows<{ count: string }>(
        tx,
        sql`select sum(count)::text as count from record_rollups
          where project_id = ${projectId} and dim = 'proveedor' and metric = '' and key = 'Transportes Norte'`,
      );
      expect(group?.count).toBe('2');
      return row!.id;
    });
    expect(await norte()).toEqual({ key: 'Transportes Norte', currency: 'ARS', count: 3, sum: '101.00' });
    const [flag] = await queryRows<{ rollup_pending: boolean }>(
      db(),
      sql`select rollup_pending from records where id = ${counted}`,
    );
    expect(flag?.rollup_pending).toBe(false);
    // Changed, or removed, before its transaction commits: counted as it ends, or not at all.
    await db().transaction(async (tx) => {
      const [moved] = await queryRows<{ id: string }>(tx, pending({ importe: '2.00' }));
      await tx
        .update(records)
        .set({ values: sql`jsonb_set(${records.values}, '{proveedor}', '"Imprenta Oeste"')` })
        .where(eq(records.id, moved!.id));
      const [gone] = await queryRows<{ id: string }>(tx, pending({ importe: '4.00' }));
      await tx.delete(records).where(eq(records.id, gone!.id));
    });
    expect(await norte()).toEqual({ key: 'Transportes Norte', currency: 'ARS', count: 3, sum: '101.00' });
    await expectRollupMatchesRecords(projectId);
  });

  it('counts every record a transaction inserts pending at its commit, once, not one undone by a savepoint', async () => {
    const seeded = await seedOpenData(db());
    const projectId = seeded.project.id;
    const insert = (importe: string) =>
      sql`insert into records (project_id, task_id, document_id, row_index, values, agreement,
          contributor_count, rollup_pending)
        values (${projectId}, ${seeded.ids.taskId}, ${seeded.ids.documentId}, ${Math.floor(Math.random() * 1e6)},
          ${JSON.stringify({ proveedor: 'Grupo Batch', fecha: '2024-04-01', importe: { amount: importe, currency: 'ARS' } })}::jsonb,
          1, 2, true)`;
    await db().transaction(async (tx) => {
      // As a group commit writes several submissions' records: two statements, one with two rows.
      await tx.execute(insert('1.00'));
      await tx.execute(sql`${insert('2.00')}, (${projectId}, ${seeded.ids.taskId}, ${seeded.ids.documentId},
        ${Math.floor(Math.random() * 1e6)}, ${JSON.stringify({ proveedor: 'Grupo Batch', fecha: '2024-04-02', importe: { amount: '4.00', currency: 'ARS' } })}::jsonb,
        1, 2, true)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(insert('8.00'));
          throw new Error('undo this one');
        })
        .catch(() => undefined);
    });
    const groups = (await aggregate({ db: db() }, projectId, QUERIES[0]!)).groups;
    expect(groups.find((g) => g.key === 'Grupo Batch')).toEqual({
      key: 'Grupo Batch',
      currency: 'ARS',
      count: 3,
      sum: '7.00',
    });
    const [left] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from records where project_id = ${projectId} and rollup_pending`,
    );
    expect(left?.n).toBe(0);
    await expectRollupMatchesRecords(projectId);
  });

  (usingServer ? it : it.skip)('loses no concurrent write while it recomputes stale min/max', async () => {
    const seeded = await seedOpenData(db());
    const projectId = seeded.project.id;
    // Lowering Transportes Norte's maximum (99.99) makes its group stale.
    await db()
      .update(records)
      .set({ values: sql`jsonb_set(${records.values}, '{importe,amount}', '"5.00"')` })
      .where(sql`${records.values}->'importe'->>'amount' = '99.99'`);
    expect((await rollupState(db(), projectId, 'proveedor', 'importe')).stale).toBe(true);
    // Another connection verifies a record with a new maximum and has not committed yet.
    const writer = new pg.Client({ connectionString: app.testDb.url! });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(
        `insert into records (project_id, task_id, document_id, row_index, values, agreement, contributor_count)
         values ($1, $2, $3, 7, $4, 1, 3)`,
        [
          projectId,
          seeded.ids.taskId,
          seeded.ids.documentId,
          {
            proveedor: 'Transportes Norte',
            fecha: '2024-03-02',
            importe: { amount: '777.00', currency: 'ARS' },
          },
        ],
      );
      const query: AggregateQuery = { groupBy: 'proveedor', max: 'importe', limit: 100 };
      const reading = aggregate({ db: db() }, projectId, query);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writer.query('commit');
      const groups = (await reading).groups;
      expect(groups.find((g) => g.key === 'Transportes Norte')).toMatchObject({ max: '777.00' });
      const { exact } = await both(projectId, query);
      expect(shape(groups, query)).toEqual(shape(exact, query));
    } finally {
      await writer.end();
    }
  });

  it('follows the schema: a new version changes what the rollup covers', async () => {
    const seeded = await seedOpenData(db());
    const projectId = seeded.project.id;
    expect((await rollupState(db(), projectId, 'proveedor', '')).covered).toBe(true);
    // Text and tax id fields are not rolled up (one group per record is no summary).
    expect((await rollupState(db(), projectId, 'cuit', '')).covered).toBe(false);
    const hidden = {
      ...OPEN_SCHEMA,
      fields: OPEN_SCHEMA.fields.map((f) => (f.key === 'proveedor' ? { ...f, public: false } : f)),
    };
    await db().insert(fieldSchemas).values({ projectId, version: 2, definition: hidden });
    expect((await rollupState(db(), projectId, 'proveedor', '')).covered).toBe(false);
    expect((await rollupState(db(), projectId, 'month(fecha)', 'importe')).covered).toBe(true);
    await expect(aggregate({ db: db() }, projectId, QUERIES[0]!)).rejects.toThrow(/not a public field/);
    // Grouping by a field outside the rollup reads the records.
    const byCuit = await aggregate({ db: db() }, projectId, { groupBy: 'cuit', count: '', limit: 10 });
    expect(byCuit.groups).toEqual([{ key: '30712345678', count: 5 }]);
  });

  it('takes the records list filters (and reads the records then)', async () => {
    const seeded = await seedOpenData(db());
    const c = new TestClient(app.url);
    const base = `/api/v1/projects/${seeded.project.slug}/records/aggregate`;
    const unpaid = await c.get(`${base}?groupBy=proveedor&count&sum=importe&f.pagado=false`);
    expect(unpaid.status).toBe(200);
    expect(unpaid.body.groups).toEqual([
      { key: 'Transportes Norte', currency: 'ARS', count: 1, sum: '99.99' },
    ]);
    const ranged = await c.get(`${base}?groupBy=month(fecha)&count&min.importe=0.15&max.importe=100`);
    expect(ranged.body.groups).toEqual([
      { key: '2024-01', count: 1 },
      { key: '2024-02', count: 1 },
    ]);
    const dated = await c.get(`${base}?groupBy=proveedor&count&from.fecha=2024-02&to.fecha=2024-02`);
    expect(dated.body.groups.map((g: { key: string }) => g.key).sort()).toEqual([
      'Café "El Ñandú", SRL',
      'Transportes Norte',
    ]);
    expect((await c.get(`${base}?groupBy=proveedor&count&f.dni=27123456`)).status).toBe(422);
  });
});

describe('CSV export', () => {
  it('writes the same bytes through COPY as page by page, awkward values included', async () => {
    const seeded = await seedOpenData(db(), { records: [] });
    const awkward = ['Comas, "comillas" y\nsalto', 'CR LF\r\ndentro', '', '"', 'solo\rCR', 'Ñandú — ünïcödé'];
    for (const [i, proveedor] of awkward.entries()) {
      await addRecord(db(), seeded.ids, { fecha: `2024-05-0${i + 1}`, proveedor, importe: `${i}.50` });
    }
    if (process.env.DATABASE_URL) expect(poolOf(db())).toBeDefined();
    const fast = collect();
    expect(await exportProject({ db: db() }, seeded.project.id, 'csv', fast.out)).toBe(awkward.length);
    const slow = collect();
    const layout = exportLayout(await latestSchema(db(), seeded.project.id));
    await exportRecords(
      { db: db() },
      seeded.project.id,
      [csvSink(slow.out, layout.columns, null, { kind: 'records' })],
      2,
    );
    expect(fast.text()).toBe(slow.text());
    const rows = parseCsv(fast.text());
    const column = rows[0]!.indexOf('proveedor');
    expect(
      rows
        .slice(1)
        .map((r) => r[column])
        .sort(),
    ).toEqual([...awkward].sort());
    expect(fast.text().endsWith('\r\n')).toBe(true);
  });

  (usingServer ? it : it.skip)('fails the export, not the pool, when the reader goes away', async () => {
    const seeded = await seedOpenData(db());
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('reader gone'));
      },
    });
    failing.on('error', () => undefined);
    await expect(exportProject({ db: db() }, seeded.project.id, 'csv', failing)).rejects.toThrow(
      'reader gone',
    );
    // The pool still answers, in a fresh transaction state, and the next export is whole.
    const rows = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from records where project_id = ${seeded.project.id}`,
    );
    expect(rows[0]).toEqual({ n: 5 });
    const again = collect();
    expect(await exportProject({ db: db() }, seeded.project.id, 'csv', again.out)).toBe(5);
  });
});
