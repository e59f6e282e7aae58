/** SQL that fills a throw-away benchmark project quickly (batched INSERT … SELECT generate_series). */
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';

export const BENCH_SCHEMA = {
  fields: [
    { key: 'fecha', label: 'Fecha', type: 'date' },
    { key: 'proveedor', label: 'Proveedor', type: 'entity', entityKind: 'supplier' },
    { key: 'cuit', label: 'CUIT', type: 'tax_id', country: 'AR' },
    { key: 'importe', label: 'Importe', type: 'money', currency: 'ARS' },
    { key: 'concepto', label: 'Concepto', type: 'text' },
    { key: 'dni', label: 'DNI', type: 'text', public: false },
  ],
  checks: [],
};

/** A live project with the bench schema, `documents` documents and one task per document. */
export async function createBenchProject(db: DbOrTx, slug: string, documents: number) {
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into organizations (slug, name) values (${`${slug}-org`}, 'Bench') returning id`,
  );
  const [project] = await queryRows<{ id: string }>(
    db,
    sql`insert into projects (organization_id, slug, title, status) values (${org!.id}, ${slug}, 'Bench', 'live') returning id`,
  );
  const projectId = project!.id;
  await db.execute(
    sql`insert into field_schemas (project_id, version, definition) values (${projectId}, 1, ${JSON.stringify(BENCH_SCHEMA)}::jsonb)`,
  );
  await db.execute(sql`insert into documents (project_id, original_filename, sha256, bytes, storage_key, page_count, status)
    select ${projectId}, 'rendicion-' || i || '.pdf', md5(${slug} || i) || md5(i::text), 100000, 'bench/' || i, 100, 'ready'
    from generate_series(1, ${documents}::int) i`);
  await db.execute(sql`insert into tasks (project_id, document_id, status)
    select project_id, id, 'complete' from documents where project_id = ${projectId}`);
  return { organizationId: org!.id, projectId };
}

/** A project left by `bench data --keep`, with its record and page counts. */
export async function findBenchProject(db: DbOrTx, slug: string) {
  const [row] = await queryRows<{ organization_id: string; id: string; rows: number; pages: number }>(
    db,
    sql`select p.organization_id, p.id,
          (select count(*)::int from records r where r.project_id = p.id) as rows,
          (select count(*)::int from pages g join documents d on d.id = g.document_id where d.project_id = p.id) as pages
        from projects p where p.slug = ${slug}`,
  );
  return row
    ? { organizationId: row.organization_id, projectId: row.id, rows: row.rows, pages: row.pages }
    : undefined;
}

/** Inserts records `from`…`to` (spread over the project's tasks). */
export async function insertBenchRecords(db: DbOrTx, projectId: string, from: number, to: number) {
  await db.execute(sql`with t as (select id, document_id, row_number() over (order by id) - 1 as n, count(*) over () as c
      from tasks where project_id = ${projectId})
    insert into records (project_id, task_id, document_id, page_number, values, agreement, contributor_count, reviewed)
    select ${projectId}, t.id, t.document_id, 1 + i % 100,
      jsonb_build_object(
        'fecha', to_char(date '2019-01-01' + (i * 7 % 1826), 'YYYY-MM-DD'),
        'proveedor', 'Proveedor ' || (i * 31 % 2000),
        'cuit', (30000000000 + i * 13 % 999999999)::text,
        'importe', jsonb_build_object('amount', ((i::bigint * 7919 % 100000000) / 100.0)::numeric(14, 2)::text, 'currency', 'ARS'),
        'concepto', (array['Papelería', 'Viáticos', 'Transporte', 'Catering', 'Imprenta'])[1 + i % 5] || ' ' || i,
        'dni', (20000000 + i)::text),
      0.67 + (i % 4) / 12.0, 3, i % 17 = 0
    from generate_series(${from}::int, ${to}::int) i join t on t.n = i % t.c`);
}

/** Inserts pages `from`…`to` with text (the search trigger fills tsv). */
export async function insertBenchPages(db: DbOrTx, projectId: string, from: number, to: number) {
  await db.execute(sql`with d as (select id, row_number() over (order by id) - 1 as n, count(*) over () as c
      from documents where project_id = ${projectId})
    insert into pages (document_id, number, width, height, status, text)
    select d.id, 1 + i / d.c, 595, 842, 'done',
      'Rendición de gastos número ' || i || '. Proveedor ' || (i * 31 % 2000) || ' ' ||
      (array['papelería', 'viáticos', 'transporte aéreo', 'catering', 'imprenta', 'combustible', 'librería', 'honorarios'])[1 + i % 8] ||
      ' según factura ' || (i * 7 % 99991) || ' del Ministerio de ' ||
      (array['Educación', 'Economía', 'Salud', 'Justicia', 'Seguridad'])[1 + i % 5] || '. Total pagado en pesos.'
    from generate_series(${from}::int, ${to}::int) i join d on d.n = i % d.c`);
}

/**
 * Removes the benchmark project and everything under it. Records go first and are vacuumed away:
 * records.document_id has no index, so each cascaded document delete would otherwise scan a
 * million dead rows.
 */
export async function dropBenchProject(db: DbOrTx, ids: { organizationId: string; projectId: string }) {
  await db.execute(sql`delete from records where project_id = ${ids.projectId}`);
  await db.execute(sql`vacuum records`);
  await db.execute(
    sql`delete from pages where document_id in (select id from documents where project_id = ${ids.projectId})`,
  );
  await db.execute(sql`delete from projects where id = ${ids.projectId}`);
  await db.execute(sql`delete from organizations where id = ${ids.organizationId}`);
}

/**
 * After the bulk load: VACUUM ANALYZE what the benchmark reads, as autovacuum would on a server
 * that runs it (hint bits and visibility map set, the GIN pending list merged, statistics fresh).
 * One statement each: VACUUM cannot run in a multi-statement string.
 */
export async function analyze(db: DbOrTx) {
  for (const table of ['documents', 'records', 'pages', 'record_rollups']) {
    await db.execute(sql.raw(`vacuum analyze ${table}`));
  }
}
