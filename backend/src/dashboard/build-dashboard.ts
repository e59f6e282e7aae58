/** Assembles the live dashboard of one project from the repository's aggregates. */
import type { ActivityItem, DashboardView, FieldAgreement } from '../contracts/dashboard.js';
import type { DbOrTx } from '../db/client.js';
import type { Clock } from '../http/context.js';
import {
  countPeopleNow,
  countRecords,
  documentCounts,
  fieldResultCounts,
  recentActivity,
  taskCounts,
  transcriptionsByMinute,
} from './repository.js';

const MINUTES = 60;
const ACTIVITY_KINDS = new Set<ActivityItem['kind']>([
  'transcription',
  'record',
  'review',
  'document',
  'release',
  'event',
]);

/** Folds per-status counts into one agreement row per field, hardest (most disputed) first. */
export function agreementByField(rows: { path: string; status: string; count: number }[]): FieldAgreement[] {
  const byPath = new Map<string, FieldAgreement>();
  for (const r of rows) {
    const a = byPath.get(r.path) ?? {
      fieldPath: r.path,
      total: 0,
      verified: 0,
      disputed: 0,
      pending: 0,
      verifiedShare: 0,
      disputedShare: 0,
    };
    a.total += r.count;
    if (r.status === 'verified' || r.status === 'reviewed') a.verified += r.count;
    else if (r.status === 'disputed' || r.status === 'needs_review') a.disputed += r.count;
    else a.pending += r.count;
    byPath.set(r.path, a);
  }
  const list = [...byPath.values()].map((a) => ({
    ...a,
    verifiedShare: a.total ? a.verified / a.total : 0,
    disputedShare: a.total ? a.disputed / a.total : 0,
  }));
  return list.sort((x, y) => y.disputedShare - x.disputedShare || x.fieldPath.localeCompare(y.fieldPath));
}

/** Sixty one-minute buckets ending with the current minute, zero-filled. */
export function minuteSeries(counts: Map<number, number>, now: Date) {
  const current = Math.floor(now.getTime() / 60_000);
  return Array.from({ length: MINUTES }, (_, i) => {
    const minute = current - (MINUTES - 1) + i;
    return { at: new Date(minute * 60_000).toISOString(), count: counts.get(minute) ?? 0 };
  });
}

/** Everything the dashboard shows, computed at `clock.now()`. */
export async function buildDashboard(
  deps: { db: DbOrTx; clock: Clock },
  project: { id: string; slug: string },
): Promise<DashboardView> {
  const { db } = deps;
  const now = deps.clock.now();
  const since = new Date((Math.floor(now.getTime() / 60_000) - (MINUTES - 1)) * 60_000);
  const [peopleNow, minutes, tasks, documents, recordsVerified, fields, recent] = await Promise.all([
    countPeopleNow(db, project.id, now),
    transcriptionsByMinute(db, project.id, since),
    taskCounts(db, project.id),
    documentCounts(db, project.id),
    countRecords(db, project.id),
    fieldResultCounts(db, project.id),
    recentActivity(db, project.id, 20),
  ]);
  const perMinute = minuteSeries(minutes, now);
  const lastHour = perMinute.reduce((s, p) => s + p.count, 0);
  const ratePerSecond = lastHour / (MINUTES * 60);
  return {
    projectSlug: project.slug,
    generatedAt: now.toISOString(),
    peopleNow,
    perMinute,
    transcriptionsLastHour: lastHour,
    completion: {
      tasksTotal: tasks.total,
      tasksComplete: tasks.complete,
      tasksInReview: tasks.review,
      share: tasks.total ? tasks.complete / tasks.total : 0,
      transcriptionsRemaining: tasks.remaining,
      etaSeconds:
        tasks.remaining > 0 && ratePerSecond > 0 ? Math.round(tasks.remaining / ratePerSecond) : null,
    },
    documents,
    recordsVerified,
    agreement: agreementByField(fields),
    reviewQueueSize: tasks.review,
    recent: recent.map((r) => ({
      ...r,
      kind: ACTIVITY_KINDS.has(r.kind as ActivityItem['kind']) ? (r.kind as ActivityItem['kind']) : 'event',
    })),
  };
}
