import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  JoinAck,
  ServerToClientEvents,
} from '../../backend/src/contracts/events.js';
import { inTransaction } from '../../backend/src/realtime/publisher.js';
import { organizations } from '../../backend/src/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startServerProcess } from '../support/cli.js';
import { TestClient } from '../support/client.js';
import { usingServer } from '../support/database.js';
import { makeOrganization, makeProject, makeUser } from '../support/factories.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function openSocket(url: string, cookie?: string): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const join = (socket: ClientSocket, room: string) =>
  new Promise<JoinAck>((resolve) => socket.emit('join', room as never, resolve));

const nextEvent = <E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  timeoutMs = 10_000,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
) =>
  new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
    const listener = ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event as 'system.ping', listener);
      resolve(payload);
    }) as never;
    const timer = setTimeout(() => {
      socket.off(event as 'system.ping', listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event as 'system.ping', listener);
  });

describe('real-time gateway', () => {
  let app: TestApp;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await app.close();
  });
  const db = () => app.testDb.database.db;

  it('checks the session on connect and authorises every room join', async () => {
    const user = await makeUser(db());
    const other = await makeUser(db());
    const org = await makeOrganization(db());
    const live = await makeProject(db(), org.id, { status: 'live' });
    const draft = await makeProject(db(), org.id, { status: 'draft' });
    const client = new TestClient(app.url);
    await client.logIn(user.email!);

    const socket = await openSocket(app.url, client.cookieHeader);
    sockets.push(socket);
    expect(await join(socket, `user:${user.id}`)).toEqual({ ok: true });
    expect(await join(socket, `user:${other.id}`)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await join(socket, `project:${live.slug}`)).toEqual({ ok: true });
    expect(await join(socket, `project:${draft.slug}`)).toMatchObject({ ok: false });
    expect(await join(socket, 'bogus')).toMatchObject({ ok: false });

    const anonymous = await openSocket(app.url);
    sockets.push(anonymous);
    expect(await join(anonymous, `project:${live.slug}`)).toEqual({ ok: true });
    expect(await join(anonymous, `user:${user.id}`)).toMatchObject({ ok: false });
  });

  it('counts presence in a project room without identities', async () => {
    const org = await makeOrganization(db());
    const project = await makeProject(db(), org.id);
    const a = await openSocket(app.url);
    const b = await openSocket(app.url);
    sockets.push(a, b);
    await join(a, `project:${project.slug}`);
    const seen = nextEvent(a, 'presence', 10_000, (e) => e.count === 2);
    await join(b, `project:${project.slug}`);
    expect(await seen).toEqual({ room: `project:${project.slug}`, count: 2 });
  });

  it('sends events only after the transaction commits, and never for a rolled-back one', async () => {
    const user = await makeUser(db());
    const client = new TestClient(app.url);
    await client.logIn(user.email!);
    const socket = await openSocket(app.url, client.cookieHeader);
    sockets.push(socket);
    await join(socket, `user:${user.id}`);
    const received: string[] = [];
    socket.on('system.ping', (e) => received.push(e.from));

    await expect(
      inTransaction(db(), app.server.ctx.publisher, async (tx, outbox) => {
        outbox.add(`user:${user.id}`, 'system.ping', { from: 'rolled-back', at: new Date().toISOString() });
        await tx.insert(organizations).values({ slug: 'rollback-org', name: 'x' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const committed = nextEvent(socket, 'system.ping');
    await inTransaction(db(), app.server.ctx.publisher, async (tx, outbox) => {
      outbox.add(`user:${user.id}`, 'system.ping', { from: 'committed', at: new Date().toISOString() });
      await tx.insert(organizations).values({ slug: 'committed-org', name: 'x' });
    });
    expect((await committed).from).toBe('committed');
    expect(received).toEqual(['committed']);
  });
});

/** socket.io-adapter's MessageType.BROADCAST. */
const BROADCAST = 3;

// Embedded mode is one process by design: tests/integration/database.test.ts proves a second one refuses.
if (usingServer) {
  describe('several processes on one PostgreSQL server', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('deliver an event emitted in one process to a client connected to another (PostgreSQL adapter)', async () => {
      const admin = await makeUser(app.testDb.database.db, 'admin');
      // Alone, a process publishes no broadcast to the cluster channel (one NOTIFY per event saved).
      const listener = new pg.Client({ connectionString: app.testDb.url! });
      await listener.connect();
      const published: number[] = [];
      listener.on('notification', (m) => {
        const type = /"type":(\d+)/.exec(m.payload ?? '')?.[1];
        if (type) published.push(Number(type));
      });
      await listener.query('LISTEN "socket.io#/"');
      const alone = new TestClient(app.url);
      await alone.logIn(admin.email!);
      expect((await alone.post('/api/v1/admin/ping', { room: `user:${admin.id}` })).status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(published).not.toContain(BROADCAST);
      const other = await startServerProcess({
        DATABASE_URL: app.testDb.url!,
        COTEJO_SECRET: app.config.secret,
        COTEJO_DEMO: 'false',
      });
      try {
        const client = new TestClient(app.url);
        await client.logIn(admin.email!);
        const socket = await openSocket(other.url, client.cookieHeader);
        try {
          expect(await join(socket, `user:${admin.id}`)).toEqual({ ok: true });
          const received = nextEvent(socket, 'system.ping', 15_000);
          const res = await client.post('/api/v1/admin/ping', { room: `user:${admin.id}` });
          expect(res.status).toBe(202);
          const event = await received;
          expect(event.from).toMatch(new RegExp(`:${process.pid}$`));
          // The listener's copy of the NOTIFY may arrive after the other process has delivered it.
          const deadline = Date.now() + 5_000;
          while (!published.includes(BROADCAST) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          expect(published).toContain(BROADCAST);
        } finally {
          socket.close();
        }
      } finally {
        expect(await other.stop()).toBe(0);
        await listener.end();
      }
    });
  });
}
