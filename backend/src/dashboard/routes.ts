/** GET /api/v1/projects/:slug/dashboard(/documents/:id): the live dashboard (editors of the project, admins). */
import { Router } from 'express';
import { z } from 'zod';
import { slugSchema } from '../contracts/projects.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadEditableProject } from '../projects/access.js';
import { buildDashboard } from './build-dashboard.js';
import { documentTaskStates } from './repository.js';

export function dashboardRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  router.get('/:slug/dashboard', async (req, res) => {
    const project = await loadEditableProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    res.json({ dashboard: await buildDashboard({ db, clock: ctx.clock }, project) });
  });

  // Transcription state per task (per page in page-granular projects) of one document.
  router.get('/:slug/dashboard/documents/:id', async (req, res) => {
    const project = await loadEditableProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    const documentId = parseInput(z.uuid(), req.params.id, 'id');
    res.json({ tasks: await documentTaskStates(db, project.id, documentId) });
  });

  return router;
}
