/** The live dashboard of a project (`GET /api/v1/projects/:slug/dashboard`, editors only). */

/** One minute of the transcriptions-per-minute series (oldest first, 60 points). */
export interface MinutePoint {
  /** Start of the minute, ISO 8601. */
  at: string;
  count: number;
}

/** How often volunteers agree on one field; table cells are grouped by column (`items[].importe`). */
export interface FieldAgreement {
  fieldPath: string;
  total: number;
  verified: number;
  disputed: number;
  pending: number;
  /** Shares of `total`, 0–1 (0 when total is 0). */
  verifiedShare: number;
  disputedShare: number;
}

export interface ActivityItem {
  kind: 'transcription' | 'record' | 'review' | 'document' | 'release' | 'event';
  /** Stable name of what happened, e.g. `transcription.submitted`, `entity.merged`. */
  type: string;
  at: string;
  /** A display name for accounts; null for guests and the system (guests stay anonymous). */
  actor: string | null;
  /** Short human detail: a filename, a field path, a release version. */
  detail: string | null;
}

export interface DashboardView {
  projectSlug: string;
  generatedAt: string;
  /** Distinct people holding an unexpired lease now. */
  peopleNow: number;
  perMinute: MinutePoint[];
  transcriptionsLastHour: number;
  completion: {
    tasksTotal: number;
    tasksComplete: number;
    tasksInReview: number;
    /** 0–1. */
    share: number;
    /** Transcriptions still needed by open tasks to reach their target. */
    transcriptionsRemaining: number;
    /** At the last hour's pace; null when nothing happened in the last hour or all is done. */
    etaSeconds: number | null;
  };
  documents: { total: number; ready: number; processing: number; failed: number };
  recordsVerified: number;
  agreement: FieldAgreement[];
  reviewQueueSize: number;
  recent: ActivityItem[];
}

/** Transcription state of one task of a document (`GET …/dashboard/documents/:id`). */
export interface DocumentTaskState {
  taskId: string;
  /** The page of a per-page task; null when one task covers the whole document. */
  pageNumber: number | null;
  status: 'open' | 'complete' | 'review';
  transcriptions: number;
  needed: number;
  fields: { verified: number; disputed: number; pending: number };
}
