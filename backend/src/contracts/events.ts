/**
 * The real-time contract (docs/adr/0003-realtime-contract.md). Events are sent after the
 * transaction that caused them commits; they are small notices, and a client refetches what it
 * shows when it needs more (and always after a reconnect).
 */

/** Room names: one per project, document, task and user. */
export type RoomName = `project:${string}` | `document:${string}` | `task:${string}` | `user:${string}`;

export interface ProjectProgressEvent {
  projectSlug: string;
  documents: number;
  documentsReady: number;
  tasksTotal: number;
  tasksComplete: number;
  recordsVerified: number;
  transcriptions: number;
}

export interface DocumentProgressEvent {
  projectSlug: string;
  documentId: string;
  status: 'uploaded' | 'processing' | 'ready' | 'failed';
  stage: string | null;
  pagesDone: number;
  pageCount: number | null;
  error: { code: string; message: string } | null;
}

export interface PresenceEvent {
  room: RoomName;
  /** People transcribing or viewing there now; no identities (guests stay anonymous). */
  count: number;
}

export interface RecordVerifiedEvent {
  projectSlug: string;
  recordId: string;
  taskId: string;
  documentId: string;
  summary: Record<string, string | null>;
}

export interface FieldDisputedEvent {
  projectSlug: string;
  taskId: string;
  fieldPath: string;
}

export interface ReviewQueuedEvent {
  projectSlug: string;
  taskId: string;
  reason: string;
  queueSize: number;
}

export interface TaskProgressEvent {
  projectSlug: string;
  taskId: string;
  status: 'open' | 'complete' | 'review';
  pendingFields: number;
}

export interface ServerToClientEvents {
  'project.progress': (event: ProjectProgressEvent) => void;
  'document.progress': (event: DocumentProgressEvent) => void;
  'record.verified': (event: RecordVerifiedEvent) => void;
  'field.disputed': (event: FieldDisputedEvent) => void;
  'review.queued': (event: ReviewQueuedEvent) => void;
  'task.progress': (event: TaskProgressEvent) => void;
  'leaderboard.changed': (event: { projectSlug: string }) => void;
  presence: (event: PresenceEvent) => void;
  /** Test and diagnostics channel: proves delivery across processes. */
  'system.ping': (event: { from: string; at: string }) => void;
}

export type JoinAck = { ok: true } | { ok: false; error: { code: string; message: string } };

export interface ClientToServerEvents {
  join: (room: RoomName, ack: (result: JoinAck) => void) => void;
  leave: (room: RoomName) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
