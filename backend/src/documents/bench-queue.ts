/**
 * The backend half of `cotejo bench pipeline --queue`: fixtures through the real consume function,
 * job queue and workers on a fresh embedded database, timing pages/s end to end and how long the
 * event loop (the one serving HTTP in embedded mode) is blocked meanwhile.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../config/env.js';
import { openDatabase, type Database } from '../db/client.js';
import { organizations, projects } from '../db/schema.js';
import { createLogger } from '../server.js';
import { silentPublisher } from '../realtime/publisher.js';
import { consumeDocument } from './consume.js';
import { documentsByIds } from './repository.js';
import { createPipelineRuntime, type PipelineRuntime } from './service.js';

export interface QueueRun {
  documents: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  /** Event-loop delay while the run lasted, in ms: what an HTTP request waited at worst. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export interface QueueBenchResult {
  workers: number;
  database: 'pglite';
  bornDigital: QueueRun;
  scanned: QueueRun;
}

/** Runs born-digital (`rounds` passes) then scanned fixtures through the queue with `workers` workers. */
export async function benchQueue(options: {
  fixturesDir: string;
  workers: number;
  rounds: number;
  scannedFiles?: number;
}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cotejo-bench-'));
  const config = loadConfig({
    COTEJO_DATA_DIR: dataDir,
    COTEJO_WORKERS: String(options.workers),
    COTEJO_LOG_LEVEL: 'silent',
  });
  const database = await openDatabase({ kind: 'pglite', dir: null });
  const runtime = createPipelineRuntime({
    config,
    database,
    logger: createLogger(config),
    publisher: silentPublisher,
  });
  const service = await runtime.startWorkers();
  try {
    const pdfs = (kind: string) =>
      readdirSync(path.join(options.fixturesDir, kind))
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => path.join(options.fixturesDir, kind, f));
    const born = Array.from({ length: options.rounds }, () => pdfs('born-digital'));
    const bornDigital = await timeRun(database, runtime, born);
    const scanned = await timeRun(database, runtime, [
      pdfs('scanned').slice(0, options.scannedFiles ?? Infinity),
    ]);
    return { workers: options.workers, database: 'pglite', bornDigital, scanned } satisfies QueueBenchResult;
  } finally {
    await service.stop();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One project per round (the same bytes twice in a project would be refused as duplicates). */
async function timeRun(database: Database, runtime: PipelineRuntime, rounds: string[][]): Promise<QueueRun> {
  const [org] = await database.db
    .insert(organizations)
    .values({ slug: `bench-${Date.now()}`, name: 'Bench' })
    .returning();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const ids: string[] = [];
  for (const [i, files] of rounds.entries()) {
    const slug = `bench-${Date.now()}-${i}`;
    const [project] = await database.db
      .insert(projects)
      .values({ organizationId: org!.id, slug, title: slug })
      .returning();
    for (const file of files) {
      const doc = await consumeDocument(runtime.deps, {
        project: project!,
        filename: path.basename(file),
        body: readFileSync(file),
        uploadedBy: null,
      });
      ids.push(doc.id);
    }
  }
  let rows = await documentsByIds(database.db, ids);
  while (!rows.every((r) => r.status === 'ready' || r.status === 'failed')) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    rows = await documentsByIds(database.db, ids);
  }
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  const pages = rows.reduce((sum, r) => sum + r.pagesDone, 0);
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return {
    documents: ids.length,
    pages,
    seconds: Math.round(seconds * 100) / 100,
    pagesPerSecond: Math.round((pages / seconds) * 100) / 100,
    eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  };
}
