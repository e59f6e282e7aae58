/** /api/v1/projects/:slug/records…, /stats: the researcher API over verified public records. */
import { Router, type Request, type RequestHandler } from 'express';
import { aggregateQuery, recordsQuery } from '../contracts/open-data.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { MEDIA_TYPES } from '../exports/sinks.js';
import { loadOpenProject } from './access.js';
import { aggregate } from './aggregate-records.js';
import { cacheFor, openCors } from './http.js';
import { listRecords, pageObjects, renderPage } from './list-records.js';
import { summarizeProject } from './summarize-project.js';
import { traceProvenance } from './trace-provenance.js';

/** The read routes of open data; `rateLimit` is the budget all public reads share. */
export function openDataRoutes(ctx: AppContext, rateLimit: RequestHandler): Router {
  const router = Router();
  const { db } = ctx.database;
  const read: RequestHandler[] = [openCors, rateLimit];
  const open = (req: Request) => loadOpenProject(db, req, String(req.params.slug), ctx.clock.now());

  router.get('/:slug/records', ...read, async (req, res) => {
    const { project, isPublic } = await open(req);
    const query = parseInput(recordsQuery, req.query, 'query');
    const page = await listRecords({ db }, project.id, query, req.query);
    cacheFor(res, isPublic);
    if (page.nextCursor) {
      const next = new URLSearchParams(req.query as Record<string, string>);
      next.set('cursor', page.nextCursor);
      res.setHeader('link', `<${req.baseUrl}${req.path}?${next.toString()}>; rel="next"`);
    }
    if (query.format === 'json') {
      res.json({
        records: pageObjects(page),
        columns: page.layout.columns.map(({ name, type }) => ({ name, type })),
        nextCursor: page.nextCursor,
      });
      return;
    }
    res.setHeader('content-type', MEDIA_TYPES[query.format]);
    if (query.format === 'xlsx') res.attachment(`${project.slug}-records.xlsx`);
    res.send(await renderPage(page, query.format));
  });

  router.get('/:slug/records/aggregate', ...read, async (req, res) => {
    const { project, isPublic } = await open(req);
    const query = parseInput(aggregateQuery, req.query, 'query');
    const result = await aggregate({ db }, project.id, query, req.query);
    cacheFor(res, isPublic);
    res.json(result);
  });

  router.get('/:slug/records/:id/provenance', ...read, async (req, res) => {
    const { project, isPublic } = await open(req);
    const provenance = await traceProvenance({ db }, project, String(req.params.id));
    cacheFor(res, isPublic);
    res.json({ provenance });
  });

  router.get('/:slug/stats', ...read, async (req, res) => {
    const { project, isPublic } = await open(req);
    const stats = await summarizeProject({ db }, project.id);
    cacheFor(res, isPublic);
    res.json({ stats });
  });

  for (const path of [
    '/:slug/records',
    '/:slug/records/aggregate',
    '/:slug/records/:id/provenance',
    '/:slug/stats',
  ]) {
    router.options(path, openCors);
  }
  return router;
}
