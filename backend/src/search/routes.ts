/** GET /api/v1/search: full-text search over public pages. */
import { Router } from 'express';
import { searchQuery } from '../contracts/open-data.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { openCors, publicRateLimit, type PublicLimits } from '../open-data/http.js';
import { searchText } from './search-pages.js';

/** The search route (mounted at /search). */
export function searchRoutes(ctx: AppContext, limits: PublicLimits): Router {
  const router = Router();
  router.options('/', openCors);
  router.get('/', openCors, publicRateLimit(limits), async (req, res) => {
    const query = parseInput(searchQuery, req.query, 'query');
    const hits = await searchText({ db: ctx.database.db, now: ctx.clock.now() }, query);
    res.setHeader('cache-control', 'public, max-age=60');
    res.json({ hits });
  });
  return router;
}
