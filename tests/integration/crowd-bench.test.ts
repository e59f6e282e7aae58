/**
 * `cotejo bench crowd` end to end on a short run: simulated volunteers over HTTP on the real app
 * and database; every acknowledged submission is stored, no task is leased beyond need, and the
 * stored state agrees with the scheduler's counters.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq, sql } from 'drizzle-orm';
import { projects } from '../../backend/src/db/schema.js';
import { benchCrowd } from '../../backend/src/simulate/bench-crowd.js';
import { seedBenchProject } from '../../backend/src/simulate/bench-seed.js';
import { queryRows } from '../../backend/src/db/client.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { runCli } from '../support/cli.js';

describe('bench crowd', () => {
  let app: TestApp;
  const db = () => app.testDb.database.db;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('stores every acknowledged submission and never over-assigns', async () => {
    const slug = await seedBenchProject(db(), 60);
    const [project] = await db().select().from(projects).where(eq(projects.slug, slug));
    const report = await benchCrowd({
      baseUrls: [app.url],
      db: db(),
      projectId: project!.id,
      slug,
      volunteers: 6,
      seconds: 3,
      warmupSeconds: 1,
      // Paced (about 80 submissions in all) so the 120 slots of the 60 tasks outlast warm-up and window.
      rate: 20,
      seed: 7,
    });
    expect(report.submissions).toBeGreaterThan(5);
    // The warm-up ran the same load, counted apart; its submissions are checked for loss too.
    expect(report.warmup).toMatchObject({ seconds: 1 });
    expect(report.warmup!.submissions).toBeGreaterThan(0);
    const stored = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from transcriptions x join tasks t on t.id = x.task_id
          where t.project_id = ${project!.id}`,
    );
    expect(stored[0]!.n).toBeGreaterThanOrEqual(report.submissions + report.warmup!.submissions);
    expect(report.lost).toBe(0);
    expect(report.overAssigned).toBe(0);
    expect(report.processCpuMsPerSubmission).toBeGreaterThan(0);
    expect(report.volunteersCpuMsPerSubmission).toBeNull();
    // Every non-client error is a validation error of a deliberately corrupted value.
    for (const code of Object.keys(report.errorCodes)) expect(code).toBe('submit:validation_failed');
    // done_count matches the stored transcriptions, and no task holds more than agreeK + extras.
    const mismatched = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from tasks t where t.project_id = ${project!.id}
          and t.done_count <> (select count(*) from transcriptions x where x.task_id = t.id)`,
    );
    expect(mismatched[0]!.n).toBe(0);
    const recorded = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from records r where r.project_id = ${project!.id}`,
    );
    const complete = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from tasks t where t.project_id = ${project!.id} and t.status = 'complete'`,
    );
    expect(recorded[0]!.n).toBe(complete[0]!.n);
  });

  it('runs the CLI with the volunteers in a process of their own, whose CPU it reports apart', async () => {
    // The CLI starts its own app on a fresh embedded database (runCli leaves DATABASE_URL out).
    const result = await runCli(
      [
        'bench',
        'crowd',
        '--volunteers',
        '4',
        '--seconds',
        '2',
        '--warmup',
        '0',
        '--documents',
        '20',
        '--json',
      ],
      { COTEJO_DEMO: 'false' },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      database: 'pglite',
      volunteers: 4,
      overAssigned: 0,
      lost: 0,
      warmup: null,
    });
    expect(report.submissions).toBeGreaterThan(0);
    expect(report.volunteersCpuMsPerSubmission).toBeGreaterThan(0);
    expect(report.processCpuMsPerSubmission).toBeGreaterThan(0);
  }, 120_000);
});
