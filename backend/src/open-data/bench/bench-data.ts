/**
 * The open-data benchmark: fills a throw-away project with N records and M pages, then measures
 * CSV export throughput and peak RSS, aggregations, a filtered sorted page and full-text search.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Writable } from 'node:stream';
import type { DbOrTx } from '../../db/client.js';
import { exportCsvFast } from '../../exports/export-records.js';
import { searchText } from '../../search/search-pages.js';
import { aggregate } from '../aggregate-records.js';
import { exportLayout } from '../columns.js';
import { listRecords } from '../list-records.js';
import { latestSchema } from '../repository.js';
import {
  analyze,
  createBenchProject,
  dropBenchProject,
  findBenchProject,
  insertBenchPages,
  insertBenchRecords,
} from './repository.js';

export interface BenchOptions {
  rows: number;
  pages: number;
  iterations: number;
  keep: boolean;
  /** Measure an existing project kept by an earlier `--keep` run instead of generating one. */
  project?: string;
  log?: (message: string) => void;
  /** Called with the figures before the generated data is removed (removal takes a while). */
  report?: (figures: Record<string, unknown>) => void;
}

const BATCH = 100_000;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The 1-minute load average (the machine is shared: every figure carries it). */
const load = () => Math.round(loadavg()[0]! * 100) / 100;

/** p50 / p95 / max in milliseconds of `iterations` runs (after one untimed warm-up), with the load. */
async function latency(iterations: number, fn: (i: number) => Promise<unknown>) {
  await fn(-1);
  const loadBefore = load();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) times.push(await timed(() => fn(i)));
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1), load: [loadBefore, load()] };
}

async function fill(db: DbOrTx, projectId: string, options: BenchOptions) {
  for (let from = 0; from < options.rows; from += BATCH) {
    await insertBenchRecords(db, projectId, from, Math.min(options.rows, from + BATCH) - 1);
    options.log?.(`records ${Math.min(options.rows, from + BATCH)}/${options.rows}`);
  }
  for (let from = 0; from < options.pages; from += BATCH / 2) {
    await insertBenchPages(db, projectId, from, Math.min(options.pages, from + BATCH / 2) - 1);
    options.log?.(`pages ${Math.min(options.pages, from + BATCH / 2)}/${options.pages}`);
  }
  await analyze(db);
}

/** Streams every record as CSV into a byte counter; reports rows/s and peak RSS. */
async function measureCsv(db: DbOrTx, projectId: string) {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _e, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const rssBefore = process.memoryUsage().rss;
  const loadBefore = load();
  const layout = exportLayout(await latestSchema(db, projectId));
  const start = performance.now();
  const rows = await exportCsvFast({ db }, projectId, layout.columns, null, sink);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  return {
    rows,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: mb(bytes),
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peak),
    load: [loadBefore, load()],
  };
}

/** Runs the benchmark and returns its figures. */
export async function benchData(db: DbOrTx, kind: string, options: BenchOptions) {
  const reused = options.project ? await findBenchProject(db, options.project) : undefined;
  if (options.project && !reused) throw new Error(`no project ${options.project}`);
  const slug = options.project ?? `bench-${randomBytes(4).toString('hex')}`;
  const ids = reused ?? (await createBenchProject(db, slug, Math.max(1, Math.ceil(options.pages / 100))));
  const loadAtStart = load();
  try {
    const fillMs = reused ? 0 : await timed(() => fill(db, ids.projectId, options));
    // Two full exports: the first also warms the caches; both are reported.
    const csvFirst = await measureCsv(db, ids.projectId);
    const csv = await measureCsv(db, ids.projectId);
    const base = { limit: 50, format: 'json' as const };
    const n = options.iterations;
    const bySupplier = await latency(n, () =>
      aggregate({ db }, ids.projectId, { groupBy: 'proveedor', sum: 'importe', count: '', limit: 100 }),
    );
    const byMonth = await latency(n, () =>
      aggregate({ db }, ids.projectId, { groupBy: 'month(fecha)', sum: 'importe', count: '', limit: 100 }),
    );
    const filteredPage = await latency(n, (i) =>
      listRecords(
        { db },
        ids.projectId,
        { ...base, sort: i % 2 ? '-importe' : 'fecha' },
        { 'f.proveedor': `Proveedor ${(i * 37 + 2000) % 2000}` },
      ),
    );
    const rangePage = await latency(n, (i) =>
      listRecords(
        { db },
        ids.projectId,
        { ...base, sort: '-importe' },
        { 'min.importe': String(1000 + i * 10), 'max.importe': String(500000 + i * 10) },
      ),
    );
    const words = [
      'papeleria',
      'viaticos',
      'transporte aereo',
      'ministerio de salud',
      'honorarios',
      'libreria',
      'factura 1234',
      'combustible',
    ];
    const search = await latency(n, (i) =>
      searchText(
        { db, now: new Date() },
        { q: words[Math.abs(i) % words.length]!, project: slug, limit: 20, offset: 0 },
      ),
    );
    const figures = {
      database: kind,
      rows: reused ? reused.rows : options.rows,
      pages: reused ? reused.pages : options.pages,
      iterations: n,
      loadAverage1m: { start: loadAtStart, end: load() },
      fillSeconds: reused ? null : Math.round(fillMs / 100) / 10,
      csvExportFirstRun: csvFirst,
      csvExport: csv,
      aggregateBySupplierMs: bySupplier,
      aggregateByMonthMs: byMonth,
      filteredSortedPage50Ms: filteredPage,
      rangeSortedPage50Ms: rangePage,
      searchMs: search,
      targets: {
        csvRowsPerSecond: csv.rowsPerSecond >= 200_000,
        aggregateP95: Math.max(bySupplier.p95, byMonth.p95) < 200,
        pageP95: Math.max(filteredPage.p95, rangePage.p95) < 50,
        searchP95: search.p95 < 100,
      },
    };
    options.report?.(figures);
    return figures;
  } finally {
    if (!options.keep && !reused) {
      options.log?.('removing the generated project');
      await dropBenchProject(db, ids);
    }
  }
}
