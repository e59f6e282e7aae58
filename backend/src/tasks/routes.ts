/**
 * /api/v1/projects/:slug/tasks/next (lease), /api/v1/tasks/:id/skip, /api/v1/tasks/:id/transcriptions,
 * /api/v1/tasks/:id/gold.
 */
import { Router } from 'express';
import { z } from 'zod';
import { requireOrganizationEditor, requireUser } from '../auth/policy.js';
import { slugSchema } from '../contracts/projects.js';
import { submitTranscriptionBody } from '../contracts/tasks.js';
import { notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadVisibleProject } from '../projects/access.js';
import { cachedProjectBySlug } from '../projects/repository.js';
import { inTransaction } from '../realtime/publisher.js';
import { loadSchema } from '../schemas/cached.js';
import { submitTranscription } from '../transcriptions/submit.js';
import { DEFAULT_BATCH_OPTIONS, SubmissionBatcher } from '../transcriptions/submit-batch.js';
import { progressTickerFor } from '../crowd/progress-ticker.js';
import { DEFAULT_LEASE_BATCH_OPTIONS, LeaseBatcher } from './lease-batch.js';
import { leaseNextTask } from './lease-next.js';
import { makeGoldTask } from './make-gold.js';
import { presentTask } from './present.js';
import { findTask, projectById, taskPages } from './repository.js';
import { skipTask } from './skip.js';

const taskId = z.uuid();

/** Routes mounted at /projects (lease) and /tasks (the rest). */
export function taskRoutes(ctx: AppContext): { projects: Router; tasks: Router } {
  const { db } = ctx.database;
  const deps = {
    db,
    clock: ctx.clock,
    publisher: ctx.publisher,
    progress: progressTickerFor(ctx),
    leases:
      ctx.config.COTEJO_LEASE_BATCH > 1
        ? new LeaseBatcher(db, { ...DEFAULT_LEASE_BATCH_OPTIONS, maxBatch: ctx.config.COTEJO_LEASE_BATCH })
        : undefined,
  };
  const batcher =
    ctx.config.COTEJO_SUBMIT_BATCH > 1
      ? new SubmissionBatcher(deps, {
          ...DEFAULT_BATCH_OPTIONS,
          maxBatch: ctx.config.COTEJO_SUBMIT_BATCH,
        })
      : undefined;
  const projects = Router();
  const tasks = Router();

  projects.post('/:slug/tasks/next', async (req, res) => {
    const user = requireUser(req);
    const slug = parseInput(slugSchema, req.params.slug, 'slug');
    // Drafts are visible to their editors only: those take the uncached, checked path.
    const cached = await cachedProjectBySlug(db, db, slug);
    const { project } =
      cached && cached.status !== 'draft' ? { project: cached } : await loadVisibleProject(db, req, slug);
    const { task, expiresAt } = await leaseNextTask(deps, project, user);
    const loaded = task.schemaId ? await loadSchema(db, db, task.schemaId) : undefined;
    if (!loaded) throw notFound('Field schema');
    const { schema } = loaded;
    const pages = await taskPages(db, db, task.documentId, task.pageNumber);
    res.json({
      task: presentTask(task, { projectSlug: project.slug, schema, pages, leaseExpiresAt: expiresAt }),
    });
  });

  tasks.post('/:id/skip', async (req, res) => {
    const user = requireUser(req);
    const released = await skipTask(deps, parseInput(taskId, req.params.id, 'id'), user.id);
    res.json({ released });
  });

  tasks.post('/:id/transcriptions', async (req, res) => {
    const user = requireUser(req);
    const body = parseInput(submitTranscriptionBody, req.body);
    const id = parseInput(taskId, req.params.id, 'id');
    const receipt = batcher
      ? await batcher.submit(id, user, body)
      : await submitTranscription(deps, id, user, body);
    res.status(201).json(receipt);
  });

  tasks.post('/:id/gold', async (req, res) => {
    const task = await findTask(db, parseInput(taskId, req.params.id, 'id'));
    const project = task && (await projectById(db, task.projectId));
    if (!task || !project) throw notFound('Task');
    await requireOrganizationEditor(db, req, project.organizationId);
    const gold = await inTransaction(db, ctx.publisher, (tx) => makeGoldTask(tx, task));
    res.status(201).json({ task: { id: gold.id, isGold: true, goldValues: gold.goldValues } });
  });

  return { projects, tasks };
}
