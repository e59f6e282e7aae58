import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config/env.js';
import { openDatabase } from '../../db/client.js';
import { simulate } from '../../simulate/run.js';

const options = z.object({
  volunteers: z.coerce.number().int().min(3).max(10_000),
  documents: z.coerce.number().int().min(1).max(10_000),
  errorRate: z.coerce.number().min(0).max(1),
  seed: z.coerce.number().int(),
  concurrency: z.coerce.number().int().min(1).max(100),
  json: z.boolean().default(false),
});

/** `cotejo simulate`: simulated volunteers over the fixtures' truth, on a fresh PGlite or DATABASE_URL. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('drive the real crowd engine with simulated volunteers and measure accuracy and cost')
    .option('--volunteers <n>', 'simulated volunteers', '30')
    .option('--documents <n>', 'documents (the born-digital fixtures, cycled)', '14')
    .option('--error-rate <p>', 'per-field error rate of a typical volunteer', '0.05')
    .option('--seed <s>', 'random seed', '1')
    .option('--concurrency <n>', 'volunteers holding a lease at once', '4')
    .option('--json', 'print the report as JSON')
    .action(async (raw: Record<string, unknown>) => {
      const o = options.parse(raw);
      const config = loadConfig();
      const target = process.env.DATABASE_URL ? config.database : ({ kind: 'pglite', dir: null } as const);
      const database = await openDatabase(target);
      try {
        const report = await simulate(database, o);
        if (o.json) console.log(JSON.stringify(report, null, 2));
        else console.log(summary(report));
      } finally {
        await database.close();
      }
    });
}

function summary(r: Awaited<ReturnType<typeof simulate>>): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
  return [
    `Cotejo: accuracy ${pct(r.fieldAccuracy)}, ${r.entriesPerVerifiedField.toFixed(3)} entries per verified field, review ${pct(r.reviewShare)}, over-assigned ${r.overAssigned}`,
    `VozData rule: accuracy ${pct(r.vozdata.fieldAccuracy)}, ${r.vozdata.entriesPerVerifiedField?.toFixed(3) ?? 'n/a'} entries per verified field, stalled ${pct(r.vozdata.stalledShare)}`,
  ].join('\n');
}
