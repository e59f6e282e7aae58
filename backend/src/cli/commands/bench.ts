import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { benchPipeline } from '@cotejo/ocr';
import { benchQueue } from '../../documents/bench-queue.js';

// backend/src/cli/commands or backend/dist/cli/commands → the repository root.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

interface BenchOptions {
  json?: boolean;
  threads: string;
  rounds: string;
  scannedPages?: string;
  scannedRounds: string;
  realDocs: string;
  queue?: boolean;
}

/** `cotejo bench pipeline`: the OCR library's benchmark over fixtures/ (figures in docs/benchmarks.md). */
export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks');
  bench
    .command('pipeline')
    .description('born-digital pages/s, scanned OCR throughput and word error rate vs native Tesseract')
    .option('--json', 'print the figures as JSON')
    .option('--threads <n>', 'threads and OCR concurrency (with --queue: job workers)', '2')
    .option('--rounds <n>', 'passes over the born-digital fixtures', '3')
    .option('--scanned-pages <n>', 'cap on scanned pages (with --queue: scanned files)')
    .option('--scanned-rounds <n>', 'alternating native/ours passes over the scanned pages', '3')
    .option('--real-docs <dir>', 'real documents for the WER check', path.join(ROOT, '../shared/real-docs'))
    .option(
      '--queue',
      'the backend instead: upload → job queue → ready on an embedded database, event-loop delay',
    )
    .action(async (opts: BenchOptions) => {
      const fixturesDir = path.join(ROOT, 'fixtures');
      const limit = opts.scannedPages ? Number(opts.scannedPages) : undefined;
      const result = opts.queue
        ? await benchQueue({
            fixturesDir,
            workers: Number(opts.threads),
            rounds: Number(opts.rounds),
            scannedFiles: limit,
          })
        : await benchPipeline({
            fixturesDir,
            json: opts.json,
            threads: Number(opts.threads),
            rounds: Number(opts.rounds),
            scannedPageLimit: limit,
            scannedRounds: Number(opts.scannedRounds),
            realDocsDir: existsSync(opts.realDocs) ? opts.realDocs : undefined,
          });
      process.stdout.write(`${JSON.stringify(result, null, opts.json ? undefined : 2)}\n`);
    });
}
