// The console's socket: the volunteer app's useRealtime owns its connection and wires only the
// volunteer stores, so the console keeps its own (opened only on console screens) and feeds the
// console stores. Events are notices: stores patch what they can and refetch the rest; after a
// reconnect every store with a joined room refetches, as missed events are not replayed.
import { onBeforeUnmount, watch, type Ref } from 'vue';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, RoomName, ServerToClientEvents } from '@cotejo/backend/contracts';
import { useDocumentsStore } from '../stores/documents';
import { useDashboardStore } from '../stores/dashboard';
import { useReviewStore } from '../stores/review';

type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ConsoleSocket | null = null;
const rooms = new Map<RoomName, number>();

function join(room: RoomName): void {
  if (socket?.connected) socket.emit('join', room, () => undefined);
}

function wire(s: ConsoleSocket): void {
  const documents = useDocumentsStore();
  const dashboard = useDashboardStore();
  const review = useReviewStore();
  let wasConnected = false;
  s.on('connect', () => {
    for (const room of rooms.keys()) join(room);
    if (wasConnected) {
      void documents.refresh();
      dashboard.scheduleRefresh();
      void review.refresh();
    }
    wasConnected = true;
  });
  s.on('document.progress', (e) => {
    documents.applyProgress(e);
    dashboard.scheduleRefresh(e.projectSlug);
  });
  s.on('project.progress', (e) => dashboard.scheduleRefresh(e.projectSlug));
  s.on('task.progress', (e) => dashboard.scheduleRefresh(e.projectSlug));
  s.on('record.verified', (e) => dashboard.scheduleRefresh(e.projectSlug));
  s.on('field.disputed', (e) => dashboard.scheduleRefresh(e.projectSlug));
  s.on('review.queued', (e) => {
    dashboard.applyQueueSize(e.projectSlug, e.queueSize);
    review.scheduleRefresh(e.projectSlug);
  });
  s.on('presence', () => dashboard.scheduleRefresh());
}

function connect(): void {
  if (socket) return;
  socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  wire(socket);
}

/** Keeps `list` joined while the calling component is mounted. */
export function useConsoleRooms(list: Ref<RoomName[]>): void {
  connect();
  let held: RoomName[] = [];
  const stop = watch(
    list,
    (next) => {
      for (const room of next.filter((r) => !held.includes(r))) {
        const count = rooms.get(room) ?? 0;
        rooms.set(room, count + 1);
        if (count === 0) join(room);
      }
      for (const room of held.filter((r) => !next.includes(r))) release(room);
      held = [...next];
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stop();
    held.forEach(release);
    held = [];
  });
}

function release(room: RoomName): void {
  const count = rooms.get(room) ?? 0;
  if (count > 1) {
    rooms.set(room, count - 1);
    return;
  }
  rooms.delete(room);
  if (socket?.connected) socket.emit('leave', room);
}

/** Re-handshakes after the session changed (the cookie travels only on a new handshake). */
export function reconnectConsoleRealtime(): void {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}
