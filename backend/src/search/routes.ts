/** GET /api/v1/search: full-text search over public pages. */
import { Router, type RequestHandler } from 'express';
import { searchQuery } from '../contracts/open-data.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { openCors } from '../open-data/http.js';
import { searchText } from './search-pages.js';

/** The search route (mounted at /search). */
export function searchRoutes(ctx: AppContext, rateLimit: RequestHandler): Router {
  const router = Router();
  router.options('/', openCors);
  router.get('/', openCors, rateLimit, async (req, res) => {
    const query = parseInput(searchQuery, req.query, 'query');
    const hits = await searchText({ db: ctx.database.db, now: ctx.clock.now() }, query);
    res.setHeader('cache-control', 'public, max-age=60');
    res.json({ hits });
  });
  return router;
}
