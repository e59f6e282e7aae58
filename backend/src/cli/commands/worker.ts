import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStandalonePipeline } from '../../documents/standalone.js';
import { workerCount } from '../../documents/service.js';
import { EXIT } from '../exit.js';

/** `cotejo worker`: a process that only runs pipeline jobs, next to `cotejo serve` on a PostgreSQL server. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run pipeline jobs (preflight, pages, assembly) from a PostgreSQL server database')
    .option('-c, --concurrency <n>', 'jobs at once (default: COTEJO_WORKERS or one per core)')
    .addHelpText(
      'after',
      '\nNeeds DATABASE_URL. In embedded mode (PGlite) `cotejo serve` runs the workers itself;\nrun `cotejo serve` with COTEJO_WORKERS=0 to leave the pipeline to `cotejo worker` processes.',
    )
    .action(async (opts: { concurrency?: string }) => {
      const config = loadConfig();
      if (config.database.kind === 'pglite') {
        console.error(
          'cotejo worker: needs a PostgreSQL server (set DATABASE_URL). The embedded database belongs to one process: `cotejo serve` runs the pipeline workers itself.',
        );
        process.exitCode = EXIT.usage;
        return;
      }
      const concurrency = opts.concurrency ? Number(opts.concurrency) : workerCount(config);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        console.error('cotejo worker: --concurrency must be a whole number ≥ 1');
        process.exitCode = EXIT.usage;
        return;
      }
      const pipeline = await openStandalonePipeline(config);
      const service = await pipeline.runtime.startWorkers({ concurrency });
      console.log(`Cotejo worker is taking jobs (${concurrency} at once)`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(130);
        stopping = true;
        console.log(`${signal}: finishing the jobs in hand…`);
        void service
          .stop()
          .then(() => pipeline.close())
          .then(() => process.exit(0));
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
