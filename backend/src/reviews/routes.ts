/** Review queue for editors: list, decide, history. */
import { Router } from 'express';
import { z } from 'zod';
import { decideBody } from '../contracts/reviews.js';
import { slugSchema } from '../contracts/projects.js';
import { requireOrganizationEditor } from '../auth/policy.js';
import { AppError, notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadEditableProject } from '../projects/access.js';
import { inTransaction } from '../realtime/publisher.js';
import { schemaById } from '../schemas/repository.js';
import { parseStoredSchema } from '../schemas/save-schema.js';
import { findTask, lockTask, projectById } from '../tasks/repository.js';
import { progressTickerFor } from '../crowd/progress-ticker.js';
import { decideReview } from './decide.js';
import { listReviews } from './list-reviews.js';
import { reviewHistory } from './repository.js';

/** Routers mounted at /projects and /reviews. */
export function reviewRoutes(ctx: AppContext): { projects: Router; reviews: Router } {
  const { db } = ctx.database;
  const projects = Router();
  const reviews = Router();

  projects.get('/:slug/reviews', async (req, res) => {
    const project = await loadEditableProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    res.json({ items: await listReviews(db, project.id) });
  });

  projects.get('/:slug/reviews/history', async (req, res) => {
    const project = await loadEditableProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    res.json({ decisions: await reviewHistory(db, project.id) });
  });

  reviews.post('/:taskId/decide', async (req, res) => {
    const taskId = parseInput(z.uuid(), req.params.taskId, 'taskId');
    const body = parseInput(decideBody, req.body);
    const found = await findTask(db, taskId);
    const project = found && (await projectById(db, found.projectId));
    if (!found || !project || found.isGold) throw notFound('Task');
    const editor = await requireOrganizationEditor(db, req, project.organizationId);
    const schemaRow = found.schemaId ? await schemaById(db, found.schemaId) : undefined;
    if (!schemaRow) throw new AppError('conflict', 'The task has no field schema');
    const schema = parseStoredSchema(schemaRow.definition);
    const next = await inTransaction(db, ctx.publisher, async (tx, outbox) => {
      const task = (await lockTask(tx, taskId))!;
      return decideReview(tx, outbox, { task, project, schema, editorId: editor.id, body });
    });
    if (next.status !== found.status) progressTickerFor(ctx).request(project.id, project.slug);
    res.json({ task: { id: taskId, status: next.status, reasons: next.reasons }, recordId: next.recordId });
  });

  return { projects, reviews };
}
