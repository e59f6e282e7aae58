// The one owner of the socket.io connection. Views ask for rooms through `useRoom`; events feed
// the Pinia stores; after a reconnect every joined room is joined again and its data refetched,
// because events missed while offline are not replayed.
import { onBeforeUnmount, watch, type Ref } from 'vue';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  JoinAck,
  RoomName,
  ServerToClientEvents,
} from '@cotejo/backend/contracts';
import { useProjectsStore } from '../stores/projects';
import { useConnectionStore } from '../stores/connection';
import { useTranscriptionStore } from '../stores/transcription';
import { useToastsStore } from '../stores/toasts';

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | null = null;
const rooms = new Map<RoomName, number>();
let listLoaded = false;

function slugOf(room: RoomName): string | null {
  return room.startsWith('project:') ? room.slice('project:'.length) : null;
}

function join(room: RoomName): void {
  if (!socket?.connected) return;
  socket.timeout(5000).emit('join', room, (err: Error | null, ack?: JoinAck) => {
    if (err || !ack?.ok) {
      console.warn('cotejo: could not join', room, err ?? (ack && !ack.ok ? ack.error : undefined));
    }
  });
}

function refetch(): void {
  const projects = useProjectsStore();
  if (listLoaded) void projects.fetchAll().catch(() => undefined);
  for (const room of rooms.keys()) {
    const slug = slugOf(room);
    if (!slug) continue;
    void projects.fetchOne(slug).catch(() => undefined);
    if (projects.feeds[slug]) void projects.fetchFeed(slug).catch(() => undefined);
    if (projects.leaderboards[slug]) void projects.fetchLeaderboard(slug).catch(() => undefined);
  }
}

function wire(s: AppSocket): void {
  const projects = useProjectsStore();
  const connection = useConnectionStore();
  const transcription = useTranscriptionStore();
  const toasts = useToastsStore();
  let wasConnected = false;

  s.on('connect', () => {
    connection.setSocket('connected');
    for (const room of rooms.keys()) join(room);
    if (wasConnected) refetch();
    wasConnected = true;
  });
  // A disconnect we asked for (new session cookie) is a reconnect, not a lost connection.
  s.on('disconnect', (reason) =>
    connection.setSocket(reason === 'io client disconnect' ? 'connecting' : 'disconnected'),
  );
  s.io.on('reconnect_attempt', () => connection.setSocket('connecting'));
  s.on('connect_error', () => connection.setSocket('disconnected'));

  s.on('project.progress', (e) => projects.applyProgress(e));
  s.on('presence', (e) => projects.applyPresence(e.room, e.count));
  s.on('record.verified', (e) => {
    projects.applyRecordVerified(e);
    if (transcription.didWorkOn(e.taskId)) toasts.push({ key: 'toasts.recordVerified', tone: 'success' });
  });
  s.on('leaderboard.changed', (e) => {
    if (projects.leaderboards[e.projectSlug])
      void projects.fetchLeaderboard(e.projectSlug).catch(() => undefined);
  });
}

/** Opens the connection once (idempotent); call again after the session changes to re-authenticate. */
export function connectRealtime(options: { reconnect?: boolean } = {}): void {
  const connection = useConnectionStore();
  if (socket && !options.reconnect) return;
  if (socket) {
    // A new session cookie only reaches the server on a new handshake.
    socket.disconnect();
    socket.connect();
    return;
  }
  socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  wire(socket);
  connection.setSocket('connecting');
  window.addEventListener('online', () => connection.setBrowserOnline(true));
  window.addEventListener('offline', () => connection.setBrowserOnline(false));
  connection.setBrowserOnline(navigator.onLine);
}

/** Marks that the project list is on screen, so a reconnect refetches it. */
export function watchProjectList(): void {
  listLoaded = true;
}

function acquire(room: RoomName): void {
  const count = rooms.get(room) ?? 0;
  rooms.set(room, count + 1);
  if (count === 0) join(room);
}

function release(room: RoomName): void {
  const count = rooms.get(room) ?? 0;
  if (count <= 1) {
    rooms.delete(room);
    if (socket?.connected) socket.emit('leave', room);
  } else rooms.set(room, count - 1);
}

/** Keeps the component's rooms joined while it is mounted; follows changes of the list. */
export function useRooms(list: Ref<RoomName[]>): void {
  connectRealtime();
  let held: RoomName[] = [];
  const stop = watch(
    list,
    (next) => {
      for (const room of next.filter((r) => !held.includes(r))) acquire(room);
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
