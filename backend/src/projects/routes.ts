/** /api/v1/projects: list, read, create, update. */
import { Router } from 'express';
import { requireOrganizationEditor, requireRole } from '../auth/policy.js';
import { createProjectBody, slugSchema, updateProjectBody } from '../contracts/projects.js';
import { AppError, notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { membershipsOf } from '../users/repository.js';
import { loadEditableProject, loadVisibleProject } from './access.js';
import { presentProject } from './present.js';
import {
  cachedProgressOf,
  findOrganizationBySlug,
  findProjectBySlug,
  insertProject,
  listVisibleProjects,
  progressOf,
  updateProject,
} from './repository.js';

export function projectRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  router.get('/', async (req, res) => {
    const user = req.auth.user;
    const orgs = user && !user.isGuest && user.role !== 'volunteer' ? await membershipsOf(db, user.id) : [];
    const list = await listVisibleProjects(db, {
      isAdmin: user?.role === 'admin' && !user.isGuest,
      organizationIds: orgs.map((o) => o.id),
    });
    // Editors and admins watch their own changes; the public list may be a moment old.
    const ids = list.map((p) => p.id);
    const progress =
      orgs.length || user?.role === 'admin' ? await progressOf(db, ids) : await cachedProgressOf(db, db, ids);
    const editable = new Set(orgs.map((o) => o.id));
    res.json({
      projects: list.map((p) =>
        presentProject(
          p,
          progress.get(p.id)!,
          user?.role === 'admin' || (user?.role === 'editor' && editable.has(p.organizationId)),
        ),
      ),
    });
  });

  router.get('/:slug', async (req, res) => {
    const { project, canEdit } = await loadVisibleProject(db, req, String(req.params.slug));
    const progress = await progressOf(db, [project.id]);
    res.json({ project: presentProject(project, progress.get(project.id)!, canEdit) });
  });

  router.post('/', async (req, res) => {
    const user = requireRole(req, 'editor');
    const input = parseInput(createProjectBody, req.body);
    const org = await findOrganizationBySlug(db, input.organization);
    if (!org) throw notFound('Organization');
    await requireOrganizationEditor(db, req, org.id);
    if (await findProjectBySlug(db, input.slug)) {
      throw new AppError('conflict', `The slug "${input.slug}" is taken`, { field: 'slug' });
    }
    const { organization: _org, embargoUntil, ...fields } = input;
    const created = await insertProject(db, {
      ...fields,
      embargoUntil: embargoUntil ? new Date(embargoUntil) : null,
      organizationId: org.id,
      createdBy: user.id,
    });
    const project = (await findProjectBySlug(db, created.slug))!;
    const progress = await progressOf(db, [project.id]);
    res.status(201).json({ project: presentProject(project, progress.get(project.id)!, true) });
  });

  router.patch('/:slug', async (req, res) => {
    const slug = parseInput(slugSchema, req.params.slug, 'slug');
    const project = await loadEditableProject(db, req, slug);
    const { embargoUntil, ...input } = parseInput(updateProjectBody, req.body);
    const agreeK = input.agreeK ?? project.agreeK;
    if ((input.maxTranscriptions ?? project.maxTranscriptions) < agreeK) {
      throw new AppError('validation_failed', 'maxTranscriptions must be at least agreeK', {
        issues: [{ path: 'maxTranscriptions', code: 'too_small', message: 'must be at least agreeK' }],
      });
    }
    await updateProject(db, project.id, {
      ...input,
      ...(embargoUntil !== undefined ? { embargoUntil: embargoUntil ? new Date(embargoUntil) : null } : {}),
    });
    const updated = (await findProjectBySlug(db, slug))!;
    const progress = await progressOf(db, [updated.id]);
    res.json({ project: presentProject(updated, progress.get(updated.id)!, true) });
  });

  return router;
}
