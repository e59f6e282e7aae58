import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { requestId } from './request-id.js';
import { requestLog } from './request-log.js';

/** An app whose log lines are collected, at the given level. */
function appLoggingAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = express();
  app.use(requestId);
  app.use(requestLog(pino({ level }, sink), (path) => path === '/api/health'));
  app.get('/api/health', (_req, res) => res.json({ ok: true }));
  app.get('/ok', (_req, res) => res.json({ ok: true }));
  app.get('/broken', (_req, res) => res.status(503).json({ ok: false }));
  return { app, lines };
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

describe('request log', () => {
  const info = appLoggingAt('info');
  const warn = appLoggingAt('warn');
  let servers: { server: Server; url: string }[] = [];
  beforeAll(async () => {
    servers = [await listen(info.app), await listen(warn.app)];
  });
  afterAll(() => servers.forEach((s) => s.server.close()));

  it('logs each request with its id, status and time at info, errors at error, not health checks', async () => {
    const base = servers[0]!.url;
    await fetch(`${base}/api/health`);
    const ok = await fetch(`${base}/ok?x=1`, { headers: { 'x-request-id': 'abcdefgh-1234' } });
    await fetch(`${base}/broken`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ok.headers.get('x-request-id')).toBe('abcdefgh-1234');
    expect(info.lines).toHaveLength(2);
    expect(info.lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'abcdefgh-1234', method: 'GET', url: '/ok?x=1' },
      res: { statusCode: 200 },
    });
    expect(typeof info.lines[0]!.responseTime).toBe('number');
    expect(info.lines[1]).toMatchObject({ level: 50, msg: 'request errored', res: { statusCode: 503 } });
  });

  it('writes nothing per request above info', async () => {
    await fetch(`${servers[1]!.url}/ok`);
    await fetch(`${servers[1]!.url}/broken`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warn.lines).toEqual([]);
  });
});
