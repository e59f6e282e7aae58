/**
 * The Express application: request id → logs → security headers → body limits → cookies → who
 * is calling → CSRF → routes → one error shape. The Vue app is served from frontend/dist.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { authRoutes, type AuthRouteOptions } from '../auth/routes.js';
import { parseCookies } from '../auth/cookies.js';
import { requireCsrf, resolveAuth } from '../auth/middleware.js';
import { pingDatabase } from '../db/client.js';
import { adminRoutes, organizationRoutes } from '../organizations/routes.js';
import { projectRoutes } from '../projects/routes.js';
import type { AppContext } from './context.js';
import { apiNotFound, errorHandler } from './middleware/errors.js';
import { requestId } from './middleware/request-id.js';
import { requestLog } from './middleware/request-log.js';
import './request.js';

export const FRONTEND_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../frontend/dist',
);

export interface AppOptions extends AuthRouteOptions {
  /**
   * Extra /api/v1 routers contributed by other domains (documents, tasks, …), mounted after the
   * foundation's in order; `{ first: true }` mounts one before every other router (the hot paths
   * of leasing and submitting, whose routes no other router shares), so that a request for them
   * is not matched against every route of the API first.
   */
  routers?: Array<[mount: string, router: express.Router, placement?: { first: true }]>;
  frontendDir?: string | null;
}

/** Builds the Express app for a context. */
export function createApp(ctx: AppContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.COTEJO_TRUST_PROXY);
  app.use(requestId);
  app.use(requestLog(ctx.logger, (path) => path === '/api/health'));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get('/api/health', health(ctx));
  app.get('/api/docs', (_req, res) => res.redirect(301, '/api/v1/docs'));

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(parseCookies);
  api.use(resolveAuth(ctx));
  api.use(requireCsrf(ctx));
  const routers = options.routers ?? [];
  for (const [mount, router, placement] of routers) if (placement?.first) api.use(mount, router);
  api.use('/auth', authRoutes(ctx, options));
  api.use('/projects', projectRoutes(ctx));
  api.use('/organizations', organizationRoutes(ctx));
  api.use('/admin', adminRoutes(ctx));
  for (const [mount, router, placement] of routers) if (!placement?.first) api.use(mount, router);
  app.use('/api/v1', api);
  app.use('/api', apiNotFound);

  const frontendDir = options.frontendDir === undefined ? FRONTEND_DIST : options.frontendDir;
  if (frontendDir && existsSync(path.join(frontendDir, 'index.html'))) serveFrontend(app, frontendDir);
  app.use(errorHandler(ctx.logger));
  return app;
}

function health(ctx: AppContext): RequestHandler {
  return async (_req, res) => {
    const up = await pingDatabase(ctx.database);
    res.setHeader('cache-control', 'no-store');
    res.status(up ? 200 : 503).json({
      status: up ? 'ok' : 'degraded',
      database: up ? 'up' : 'down',
      mode: ctx.database.kind === 'pglite' ? 'embedded' : 'server',
      version: ctx.version,
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
    });
  };
}

function serveFrontend(app: Express, dir: string): void {
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
}
