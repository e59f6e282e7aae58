import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { benchPipeline } from '@cotejo/ocr';

// backend/src/cli/commands or backend/dist/cli/commands → the repository root.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** `cotejo bench pipeline`: the OCR library's benchmark over fixtures/ (figures in docs/benchmarks.md). */
export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks');
  bench
    .command('pipeline')
    .description('born-digital pages/s, scanned OCR throughput and word error rate vs native Tesseract')
    .option('--json', 'print the figures as JSON')
    .option('--threads <n>', 'threads and OCR concurrency', '2')
    .option('--rounds <n>', 'passes over the born-digital fixtures', '3')
    .option('--scanned-pages <n>', 'cap on scanned pages (quick runs)')
    .option('--real-docs <dir>', 'real documents for the WER check', path.join(ROOT, '../shared/real-docs'))
    .action(
      async (opts: {
        json?: boolean;
        threads: string;
        rounds: string;
        scannedPages?: string;
        realDocs: string;
      }) => {
        const result = await benchPipeline({
          fixturesDir: path.join(ROOT, 'fixtures'),
          json: opts.json,
          threads: Number(opts.threads),
          rounds: Number(opts.rounds),
          scannedPageLimit: opts.scannedPages ? Number(opts.scannedPages) : undefined,
          realDocsDir: existsSync(opts.realDocs) ? opts.realDocs : undefined,
        });
        process.stdout.write(
          opts.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`,
        );
      },
    );
}
