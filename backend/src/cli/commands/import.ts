import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { collectPdfFiles, importFiles, type ImportedFile } from '../../documents/import-files.js';
import { documentsByIds } from '../../documents/repository.js';
import { openStandalonePipeline, type StandalonePipeline } from '../../documents/standalone.js';
import { workerCount } from '../../documents/service.js';
import { notFound } from '../../errors.js';
import { findProjectBySlug } from '../../projects/repository.js';
import { EXIT } from '../exit.js';

type Progress = Awaited<ReturnType<typeof documentsByIds>>[number];

/** `cotejo import`: files and folders into a project, through the same consume function as uploads. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import PDFs (files or folders, searched recursively) into a project and process them')
    .argument('<paths...>', 'PDF files or folders')
    .requiredOption('-p, --project <slug>', 'the project to import into')
    .option('--no-wait', 'queue the documents and exit; `cotejo serve` or `cotejo worker` processes them')
    .addHelpText(
      'after',
      '\nExit status: 0 when every file was imported (duplicates are skipped) and processed, 1 otherwise.\nIn embedded mode stop `cotejo serve` first: the data directory belongs to one process.',
    )
    .action(async (paths: string[], opts: { project: string; wait: boolean }) => {
      const config = loadConfig();
      const files = collectPdfFiles(paths);
      const pipeline = await openStandalonePipeline(config);
      try {
        const project = await findProjectBySlug(pipeline.database.db, opts.project);
        if (!project) throw notFound(`Project "${opts.project}"`);
        // Embedded mode has nobody else to run the jobs; on a server, COTEJO_WORKERS=0 leaves them to workers.
        const service = opts.wait
          ? await pipeline.runtime.startWorkers({ concurrency: workerCount(config) })
          : undefined;
        const results = await importFiles(pipeline.runtime.deps, project, files, (r) =>
          console.log(describe(r)),
        );
        const failed = opts.wait ? await waitForDocuments(pipeline, results) : 0;
        await service?.stop();
        const refused = results.filter((r) => r.outcome === 'refused').length;
        console.log(
          `${files.length} file(s): ${results.filter((r) => r.outcome === 'queued').length} imported, ${results.filter((r) => r.outcome === 'duplicate').length} duplicate(s), ${refused} refused${opts.wait ? `, ${failed} failed in processing` : ''}`,
        );
        process.exitCode = refused + failed > 0 || files.length === 0 ? EXIT.failure : EXIT.ok;
      } finally {
        await pipeline.close();
      }
    });
}

function describe(result: ImportedFile): string {
  if (result.outcome === 'queued')
    return `imported ${result.file} (${result.pageCount} pages) → ${result.documentId}`;
  if (result.outcome === 'duplicate')
    return `skipped  ${result.file}: already in the project as ${result.documentId}`;
  return `refused  ${result.file}: ${result.error!.code}: ${result.error!.message}`;
}

/** Polls until every queued document is ready or failed; returns how many failed. */
async function waitForDocuments(pipeline: StandalonePipeline, results: ImportedFile[]): Promise<number> {
  const queued = results.filter((r) => r.outcome === 'queued');
  const names = new Map(queued.map((r) => [r.documentId!, r.file]));
  const render = process.stdout.isTTY ? ttyRenderer(names) : plainRenderer(names);
  for (;;) {
    const rows = await documentsByIds(pipeline.database.db, [...names.keys()]);
    render(rows);
    if (rows.every((row) => row.status === 'ready' || row.status === 'failed')) {
      return rows.filter((row) => row.status === 'failed').length;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function bar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

function line(name: string, row: Progress): string {
  const error = row.errorCode ? ` ${row.errorCode}: ${row.errorMessage}` : '';
  return `${bar(row.pagesDone, row.pageCount ?? 0)} ${row.pagesDone}/${row.pageCount ?? '?'} ${row.status.padEnd(10)} ${name}${error}`;
}

/** Redraws one bar per file and an overall bar in place. */
function ttyRenderer(names: Map<string, string>) {
  let drawn = 0;
  return (rows: Progress[]) => {
    const total = rows.reduce((sum, r) => sum + (r.pageCount ?? 0), 0);
    const done = rows.reduce((sum, r) => sum + r.pagesDone, 0);
    const lines = [
      ...rows.map((r) => line(names.get(r.id)!, r)),
      `${bar(done, total)} ${done}/${total} pages overall`,
    ];
    process.stdout.write(`${drawn ? `\x1b[${drawn}F` : ''}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
    drawn = lines.length;
  };
}

/** One plain line whenever a document moves (logs, CI, pipes). */
function plainRenderer(names: Map<string, string>) {
  const last = new Map<string, string>();
  return (rows: Progress[]) => {
    for (const row of rows) {
      const text = line(names.get(row.id)!, row);
      if (last.get(row.id) !== text) console.log(text);
      last.set(row.id, text);
    }
  };
}
