import type { Command } from 'commander';
import { pino } from 'pino';
import { z } from 'zod';
import { loadConfig } from '../../config/env.js';
import { openDatabase } from '../../db/client.js';
import { serverPlugins } from '../../plugins.js';
import { startServer } from '../../server.js';
import { benchCrowd } from '../../simulate/bench-crowd.js';
import { seedBenchProject } from '../../simulate/bench-seed.js';
import { eq } from 'drizzle-orm';
import { projects } from '../../db/schema.js';

const options = z.object({
  volunteers: z.coerce.number().int().min(1).max(5000),
  seconds: z.coerce.number().min(1).max(3600),
  warmup: z.coerce.number().min(0).max(600),
  documents: z.coerce.number().int().min(1).max(1_000_000),
  url: z
    .string()
    .transform((v) => v.split(',').map((u) => u.trim()))
    .pipe(z.array(z.url()).min(1))
    .optional(),
  seed: z.coerce.number().int(),
  rate: z.coerce.number().positive().max(100_000).optional(),
  json: z.boolean().default(false),
});

/**
 * `cotejo bench crowd`: starts the app itself on the configured database (DATABASE_URL for a
 * PostgreSQL server, else a fresh in-memory PGlite), or with --url drives an app already running
 * on the same DATABASE_URL (the project is seeded straight into that database).
 */
export function registerBenchCrowd(program: Command): void {
  const bench =
    program.commands.find((c) => c.name() === 'bench') ?? program.command('bench').description('benchmarks');
  bench
    .command('crowd')
    .description(
      'volunteers over HTTP: lease + submit throughput, latency, over-assignment, lost submissions',
    )
    .option('--volunteers <n>', 'concurrent simulated volunteers', '200')
    .option('--seconds <n>', 'duration of the measured window', '20')
    .option(
      '--warmup <n>',
      'seconds of the same load before the window, reported apart (the app starts cold)',
      '5',
    )
    .option('--documents <n>', 'documents seeded (one task each)', '12000')
    .option('--url <urls>', 'an app already running on DATABASE_URL (comma-separated: several processes)')
    .option('--seed <s>', 'random seed', '1')
    .option(
      '--rate <n>',
      'submissions per second offered in all (paced volunteers; default: each goes again at once)',
    )
    .option('--json', 'print the figures as JSON')
    .action(async (raw: Record<string, unknown>) => {
      const o = options.parse(raw);
      const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', COTEJO_DEMO: 'false' });
      if (o.url && config.database.kind !== 'postgres')
        throw new Error('--url needs DATABASE_URL (the app’s database)');
      const target =
        config.database.kind === 'postgres' ? config.database : ({ kind: 'pglite', dir: null } as const);
      const database = await openDatabase(target, { poolSize: 20 });
      // A failure to start must not leave the pool open (the process would not exit).
      const server = o.url
        ? undefined
        : await startServer(config, {
            database,
            logger: pino({ level: 'warn' }),
            plugins: serverPlugins(),
            app: { authRateLimit: 1_000_000, frontendDir: null },
          }).catch(async (error: unknown) => {
            await database.close();
            throw error;
          });
      try {
        const slug = await seedBenchProject(database.db, o.documents);
        const [project] = await database.db.select().from(projects).where(eq(projects.slug, slug));
        const report = await benchCrowd({
          baseUrls: o.url ?? [server!.url],
          db: database.db,
          projectId: project!.id,
          slug,
          volunteers: o.volunteers,
          seconds: o.seconds,
          warmupSeconds: o.warmup,
          seed: o.seed,
          rate: o.rate,
          separateVolunteers: true,
        });
        console.log(o.json ? JSON.stringify({ database: database.kind, ...report }, null, 2) : report);
      } finally {
        await server?.close();
        await database.close();
      }
    });
}
