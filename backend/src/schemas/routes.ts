/** GET/PUT /api/v1/projects/:slug/schema (editors of the project's organization). */
import { Router } from 'express';
import { slugSchema } from '../contracts/projects.js';
import { putSchemaBody } from '../contracts/tasks.js';
import { notFound } from '../errors.js';
import { ensureFieldIndexes } from '../open-data/field-indexes.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadEditableProject } from '../projects/access.js';
import { inTransaction } from '../realtime/publisher.js';
import { latestSchema } from './repository.js';
import { parseStoredSchema, saveSchema } from './save-schema.js';

export function schemaRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx.database;

  router.get('/:slug/schema', async (req, res) => {
    const project = await loadEditableProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    const row = await latestSchema(db, project.id);
    if (!row) throw notFound('Field schema');
    res.json({
      schema: parseStoredSchema(row.definition),
      schemaId: row.id,
      version: row.version,
      createdNewVersion: false,
    });
  });

  router.put('/:slug/schema', async (req, res) => {
    const project = await loadEditableProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    // Either `{ definition }` or the definition itself.
    const wrapped = putSchemaBody.safeParse(req.body);
    const definition: unknown =
      wrapped.success && wrapped.data.definition !== undefined ? wrapped.data.definition : req.body;
    const editorId = req.auth.user!.id;
    const view = await inTransaction(db, ctx.publisher, (tx) =>
      saveSchema(tx, { projectId: project.id, definition, editorId }),
    );
    // The records list's per-field indexes follow the schema, built in the background.
    void ensureFieldIndexes(ctx.database, project.id, ctx.logger).catch((err: unknown) =>
      ctx.logger.warn({ err, projectId: project.id }, 'could not check records field indexes'),
    );
    res.json(view);
  });

  return router;
}
