/** /api/v1/projects/:slug/entities: suggestions (anyone who sees the project), curation (editors). */
import { Router } from 'express';
import { z } from 'zod';
import {
  createEntityBody,
  entityListQuery,
  entitySuggestQuery,
  mergeEntitiesBody,
  renameEntityBody,
  splitEntityBody,
} from '../contracts/entities.js';
import { slugSchema } from '../contracts/projects.js';
import { foldEntity } from '../crowd/domain/index.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadEditableProject, loadVisibleProject } from '../projects/access.js';
import { inTransaction } from '../realtime/publisher.js';
import { mergeEntities, renameEntityAs, splitEntity } from './curate.js';
import { ensureEntity } from './ensure.js';
import { entityHistory, listEntities, suggestEntities } from './repository.js';

export function entityRoutes(ctx: AppContext): Router {
  const { db } = ctx.database;
  const router = Router();
  const slugOf = (req: { params: Record<string, unknown> }) =>
    parseInput(slugSchema, req.params.slug, 'slug');
  const editing = async (req: Parameters<typeof loadEditableProject>[1]) => {
    const project = await loadEditableProject(db, req, slugOf(req));
    return { projectId: project.id, editorId: req.auth.user!.id };
  };

  router.get('/:slug/entities/suggest', async (req, res) => {
    const { project } = await loadVisibleProject(db, req, slugOf(req));
    const q = parseInput(entitySuggestQuery, req.query, 'query');
    const rows = await suggestEntities(db, project.id, q.kind, foldEntity(q.q));
    res.json({ suggestions: rows.map((r) => ({ id: r.id, name: r.name, score: Number(r.score) })) });
  });

  router.get('/:slug/entities', async (req, res) => {
    const project = await loadEditableProject(db, req, slugOf(req));
    const q = parseInput(entityListQuery, req.query, 'query');
    const list = await listEntities(db, project.id, q.kind);
    res.json({ entities: list.map((e) => ({ ...e, aliasCount: e.aliases.length })) });
  });

  router.get('/:slug/entities/history', async (req, res) => {
    const project = await loadEditableProject(db, req, slugOf(req));
    res.json({ events: await entityHistory(db, project.id) });
  });

  router.post('/:slug/entities', async (req, res) => {
    const actor = await editing(req);
    const body = parseInput(createEntityBody, req.body);
    const id = await inTransaction(db, ctx.publisher, (tx) =>
      ensureEntity(tx, actor.projectId, body.kind, body.name),
    );
    res.status(201).json({ entity: { id, kind: body.kind, name: body.name } });
  });

  router.post('/:slug/entities/merge', async (req, res) => {
    const actor = await editing(req);
    const body = parseInput(mergeEntitiesBody, req.body);
    await inTransaction(db, ctx.publisher, (tx) => mergeEntities(tx, actor, body.into, body.from));
    res.json({ merged: body.from.length, into: body.into });
  });

  router.post('/:slug/entities/:id/split', async (req, res) => {
    const actor = await editing(req);
    const id = parseInput(z.uuid(), req.params.id, 'id');
    const body = parseInput(splitEntityBody, req.body);
    const created = await inTransaction(db, ctx.publisher, (tx) =>
      splitEntity(tx, actor, id, body.aliasIds, body.name),
    );
    res.status(201).json({ entity: { id: created.id, kind: created.kind, name: created.name } });
  });

  router.patch('/:slug/entities/:id', async (req, res) => {
    const actor = await editing(req);
    const id = parseInput(z.uuid(), req.params.id, 'id');
    const body = parseInput(renameEntityBody, req.body);
    await inTransaction(db, ctx.publisher, (tx) => renameEntityAs(tx, actor, id, body.name));
    res.json({ entity: { id, name: body.name } });
  });

  return router;
}
