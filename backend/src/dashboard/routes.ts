/** GET /api/v1/projects/:slug/dashboard: the live dashboard (editors of the project, admins). */
import { Router } from 'express';
import { slugSchema } from '../contracts/projects.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadEditableProject } from '../projects/access.js';
import { buildDashboard } from './build-dashboard.js';

export function dashboardRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  router.get('/:slug/dashboard', async (req, res) => {
    const project = await loadEditableProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    res.json({ dashboard: await buildDashboard({ db, clock: ctx.clock }, project) });
  });

  return router;
}
