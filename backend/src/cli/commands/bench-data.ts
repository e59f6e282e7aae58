/** `cotejo bench data`: the open-data benchmark (figures in docs/benchmarks.md, "Open data"). */
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openDatabase } from '../../db/client.js';
import { benchData } from '../../open-data/bench/bench-data.js';

interface BenchDataOptions {
  json?: boolean;
  rows: string;
  pages: string;
  iterations: string;
  keep?: boolean;
  project?: string;
}

/** Adds `data` under the `bench` command (created by the pipeline's `bench pipeline` when present). */
export function registerBenchData(program: Command): void {
  const bench =
    program.commands.find((c) => c.name() === 'bench') ?? program.command('bench').description('benchmarks');
  bench
    .command('data')
    .description(
      'CSV export rows/s and peak RSS, aggregation, filtered page and search latency (use DATABASE_URL)',
    )
    .option('--json', 'print the figures as one JSON line')
    .option('--rows <n>', 'generated records', '1000000')
    .option('--pages <n>', 'generated pages for full-text search', '100000')
    .option('--iterations <n>', 'timed runs per query', '40')
    .option('--keep', 'keep the generated project')
    .option('--project <slug>', 'measure a project kept by an earlier --keep run (no generation)')
    .action(async (opts: BenchDataOptions) => {
      const config = loadConfig();
      const database = await openDatabase(config.database, { poolSize: 2 });
      try {
        if (database.kind === 'pglite')
          console.error('cotejo: embedded PGlite; the targets are for a PostgreSQL server (DATABASE_URL)');
        const log = opts.json ? undefined : (m: string) => console.error(m);
        // The figures print as soon as they are measured; removing the data takes a while.
        await benchData(database.db, database.kind, {
          rows: Number(opts.rows),
          pages: Number(opts.pages),
          iterations: Number(opts.iterations),
          keep: Boolean(opts.keep),
          project: opts.project,
          log,
          report: (figures) =>
            process.stdout.write(
              opts.json ? `${JSON.stringify(figures)}\n` : `${JSON.stringify(figures, null, 2)}\n`,
            ),
        });
      } finally {
        await database.close();
      }
    });
}
