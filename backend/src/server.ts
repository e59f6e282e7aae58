/**
 * Starting and stopping a Cotejo server process: database (migrated), first admin, demo, HTTP,
 * socket.io, background workers; and a graceful stop that drains in the reverse order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { Config } from './config/env.js';
import { openDatabase, type Database } from './db/client.js';
import { seedDemo } from './demo/seed.js';
import { createApp, type AppOptions } from './http/app.js';
import { systemClock, type AppContext } from './http/context.js';
import { attachRealtime, publisherFor, type RealtimeServer } from './realtime/gateway.js';
import { DeferredPublisher } from './realtime/publisher.js';
import { ensureAdminFromEnv } from './users/create-admin.js';
import { VERSION } from './version.js';

/** Something started with the server and stopped before the database closes (job workers…). */
export interface BackgroundService {
  name: string;
  stop(): Promise<void>;
}

export interface ServerPlugins {
  routers?: (ctx: AppContext) => AppOptions['routers'];
  background?: (ctx: AppContext) => Promise<BackgroundService[]>;
  afterStart?: (ctx: AppContext) => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  io: RealtimeServer;
  http: Server;
  close(): Promise<void>;
}

/** Creates the logger for a config. */
export function createLogger(config: Pick<Config, 'COTEJO_LOG_LEVEL'>): Logger {
  return pino({ level: config.COTEJO_LOG_LEVEL, base: { service: 'cotejo' } });
}

/** Opens everything and listens; resolves once the port accepts connections. */
export async function startServer(
  config: Config,
  options: { logger?: Logger; database?: Database; plugins?: ServerPlugins; app?: AppOptions } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const database = options.database ?? (await openDatabase(config.database));
  const publisher = new DeferredPublisher();
  const ctx: AppContext = {
    config,
    database,
    logger,
    publisher,
    clock: systemClock,
    startedAt: new Date(),
    version: VERSION,
  };
  try {
    const admin = await ensureAdminFromEnv(
      database.db,
      config.COTEJO_ADMIN_EMAIL,
      config.COTEJO_ADMIN_PASSWORD,
    );
    if (admin) logger.info({ email: admin.email }, 'created the first admin from COTEJO_ADMIN_EMAIL');
    if (config.COTEJO_DEMO && (await seedDemo(database.db))) logger.info('seeded the demo project');
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
  const app = createApp(ctx, {
    ...options.app,
    routers: [...(options.app?.routers ?? []), ...(options.plugins?.routers?.(ctx) ?? [])],
  });
  const http = createServer(app);
  const io = attachRealtime(http, ctx);
  publisher.setTarget(publisherFor(io));
  const background = (await options.plugins?.background?.(ctx)) ?? [];
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  logger.info({ url, database: database.kind }, 'Cotejo is listening');
  await options.plugins?.afterStart?.(ctx);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down');
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await io.close().catch(() => undefined);
      for (const service of background.reverse())
        await service.stop().catch((err: unknown) => logger.error({ err }, `stopping ${service.name}`));
      const forced = setTimeout(() => http.closeAllConnections(), 10_000);
      await stopped;
      clearTimeout(forced);
      if (!options.database) await database.close();
      logger.info('stopped');
    })());
  return { url, port, ctx, io, http, close };
}
