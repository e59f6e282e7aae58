/**
 * `cotejo simulate`: simulated volunteers drive the real engine — the same lease and submit use
 * cases the HTTP routes call, on a real database — over the fixtures' ground truth.
 */
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Clock } from '../http/context.js';
import { silentPublisher } from '../realtime/publisher.js';
import { leaseNextTask } from '../tasks/lease-next.js';
import type { TaskRow } from '../tasks/repository.js';
import { submitTranscription } from '../transcriptions/submit.js';
import { measure, overLeasedNow, type EngineMetrics } from './metrics.js';
import { seeded, type Rng } from './random.js';
import { loadTruths } from './truth.js';
import { answer, fixErrors } from './volunteer.js';
import { vozdataBaseline, type BaselineMetrics } from './vozdata-baseline.js';
import { buildWorld, type SimWorld, type WorldOptions } from './world.js';

export interface SimulateOptions extends WorldOptions {
  seed: number;
  /** Volunteers holding a lease at the same time. */
  concurrency?: number;
}

export interface SimulationReport extends EngineMetrics {
  seed: number;
  volunteers: number;
  documents: number;
  errorRate: number;
  seconds: number;
  vozdata: BaselineMetrics;
}

type Volunteer = SimWorld['volunteers'][number];
type Leased = { v: Volunteer; task: TaskRow; doc: NonNullable<ReturnType<SimWorld['docs']['get']>> };

async function tryLease(
  database: Database,
  clock: Clock,
  world: SimWorld,
  v: Volunteer,
  rng: Rng,
): Promise<Leased | null> {
  const deps = { db: database.db, clock, random: rng };
  for (const p of world.projects) {
    try {
      const { task } = await leaseNextTask(deps, p.project, v.user);
      const doc = world.docs.get(task.documentId);
      if (doc) return { v, task, doc };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'no_task_available')) throw error;
    }
  }
  return null;
}

async function submitLeased(database: Database, clock: Clock, l: Leased, rng: Rng, n: number): Promise<void> {
  const deps = { db: database.db, publisher: silentPublisher, clock };
  let values = answer(l.doc.project.schema, l.task.wantedFields, l.doc.sim, l.v.profile.errorRate, rng);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await submitTranscription(deps, l.task.id, l.v.user, {
        clientSubmissionId: `sim-${n}-${attempt}-${l.task.id}`,
        values,
        markers: {},
        sources: {},
      });
      return;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const paths = (error.details as { fieldErrors: { path: string }[] }).fieldErrors.map((e) => e.path);
      values = fixErrors(values, paths, l.doc.sim);
    }
  }
}

async function drive(database: Database, world: SimWorld, rng: Rng, concurrency: number): Promise<number> {
  const clock: Clock = { now: () => new Date() };
  const projectIds = world.projects.map((p) => p.project.id);
  let [overAssigned, n, idle] = [0, 0, 0];
  while (idle < world.volunteers.length) {
    const leased: Leased[] = [];
    for (let i = 0; i < world.volunteers.length && leased.length < concurrency; i++) {
      const v = world.volunteers[Math.floor(rng() * world.volunteers.length)]!;
      if (leased.some((l) => l.v === v)) continue;
      const l = await tryLease(database, clock, world, v, rng);
      if (l) leased.push(l);
    }
    idle = leased.length ? 0 : idle + concurrency;
    overAssigned += await overLeasedNow(database.db, projectIds, clock.now());
    for (const l of leased) await submitLeased(database, clock, l, rng, n++);
  }
  return overAssigned;
}

/** Runs a simulation on an open (migrated) database. */
export async function simulate(database: Database, o: SimulateOptions): Promise<SimulationReport> {
  const started = Date.now();
  const rng = seeded(o.seed);
  const world = await buildWorld(database.db, loadTruths(), o, rng);
  const overAssigned = await drive(database, world, rng, o.concurrency ?? 4);
  const metrics = await measure(database.db, world, overAssigned);
  const vozdata = vozdataBaseline(world, seeded(o.seed + 1));
  return {
    seed: o.seed,
    volunteers: o.volunteers,
    documents: o.documents,
    errorRate: o.errorRate,
    ...metrics,
    seconds: (Date.now() - started) / 1000,
    vozdata,
  };
}
