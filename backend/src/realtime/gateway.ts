/**
 * socket.io on the same HTTP server. The session cookie is checked on connect (anonymous viewers
 * may connect to watch public projects); every room join is authorised.
 */
import type { Server as HttpServer } from 'node:http';
import { parse } from 'cookie';
import { Server } from 'socket.io';
import { clusterAdapter } from './cluster-adapter.js';
import { SESSION_COOKIE } from '../auth/cookies.js';
import { findSession } from '../auth/repository.js';
import type { ClientToServerEvents, JoinAck, RoomName, ServerToClientEvents } from '../contracts/events.js';
import type { AppContext } from '../http/context.js';
import type { Publisher } from './publisher.js';
import type { UserRow } from '../users/repository.js';
import { authorizeRoom } from './rooms.js';

interface SocketData {
  user: UserRow | null;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const PRESENCE_PREFIXES = ['project:', 'document:'];

/** Attaches socket.io to the server and returns it (see `publisherFor`). */
export function attachRealtime(httpServer: HttpServer, ctx: AppContext): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    transports: ['websocket', 'polling'],
  });
  if (ctx.database.pool)
    io.adapter(clusterAdapter(ctx.database.pool, (e) => ctx.logger.warn({ err: e }, 'socket.io adapter')));

  io.use(async (socket, next) => {
    try {
      const cookies = parse(socket.handshake.headers.cookie ?? '');
      const token = cookies[SESSION_COOKIE];
      const found = token ? await findSession(ctx.database.db, token, ctx.clock.now()) : undefined;
      socket.data.user = found?.user ?? null;
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  io.on('connection', (socket) => {
    socket.on('join', async (room, ack) => {
      const reply: (r: JoinAck) => void = typeof ack === 'function' ? ack : () => undefined;
      try {
        const verdict = await authorizeRoom(ctx.database.db, socket.data.user, String(room));
        if (!verdict.ok) return reply(verdict);
        await socket.join(room);
        reply({ ok: true });
        void broadcastPresence(io, room);
      } catch (error) {
        ctx.logger.warn({ err: error, room }, 'room join failed');
        reply({ ok: false, error: { code: 'internal_error', message: 'Could not join the room' } });
      }
    });
    socket.on('leave', async (room) => {
      await socket.leave(room);
      void broadcastPresence(io, room);
    });
    socket.on('disconnecting', () => {
      const rooms = [...socket.rooms].filter((r) => r !== socket.id) as RoomName[];
      setImmediate(() => rooms.forEach((room) => void broadcastPresence(io, room)));
    });
  });

  return io;
}

/** Tells a project or document room how many people are in it now (no identities). */
async function broadcastPresence(io: RealtimeServer, room: RoomName): Promise<void> {
  if (!PRESENCE_PREFIXES.some((p) => room.startsWith(p))) return;
  try {
    const sockets = await io.in(room).fetchSockets();
    io.to(room).emit('presence', { room, count: sockets.length });
  } catch {
    // Presence is best effort: a slow peer process must not break joins.
  }
}

/** A Publisher that emits through socket.io (and so, with the adapter, through every process). */
export function publisherFor(io: RealtimeServer): Publisher {
  return {
    publish: (room, event, payload) => {
      const emit = io.to(room).emit.bind(io.to(room)) as (event: string, payload: unknown) => boolean;
      emit(event, payload);
    },
    publishToRooms: (rooms, event, payload) => {
      const target = io.to(rooms);
      const emit = target.emit.bind(target) as (event: string, payload: unknown) => boolean;
      emit(event, payload);
    },
  };
}
