/** GET /api/v1/openapi.json (generated) and GET /api/v1/docs (the readable page). */
import { Router } from 'express';
import type { AppContext } from '../http/context.js';
import { openCors } from '../open-data/http.js';
import { buildOpenApi } from './build-openapi.js';
import { renderDocs } from './render-docs.js';

/** The API description routes (mounted at /). */
export function openApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/openapi.json', openCors, (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(buildOpenApi(ctx.version));
  });
  router.get('/docs', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.type('html').send(renderDocs(buildOpenApi(ctx.version)));
  });
  return router;
}
