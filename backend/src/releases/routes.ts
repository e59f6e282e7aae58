/**
 * /api/v1/projects/:slug/releases: publish (editors), list, read one (`latest` too), and download
 * its files. Versioned files are immutable: strong ETag = sha256, cached for a year.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { publishReleaseBody } from '../contracts/releases.js';
import type { ReleaseFile } from '../contracts/releases.js';
import { notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadOpenProject } from '../open-data/access.js';
import { cacheFor, openCors } from '../open-data/http.js';
import { loadEditableProject } from '../projects/access.js';
import { presentRelease } from './present.js';
import { publishRelease } from './publish-release.js';
import { findRelease, listReleases } from './repository.js';
import { releaseFileKey, releaseStorage } from './storage.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The release routes. */
export function releaseRoutes(ctx: AppContext, rateLimit: RequestHandler): Router {
  const router = Router();
  const { db } = ctx.database;
  const storage = releaseStorage(ctx.config);
  const read = [openCors, rateLimit];
  const baseUrl = ctx.config.COTEJO_PUBLIC_URL?.replace(/\/$/, '') ?? '';
  const open = (req: Request) => loadOpenProject(db, req, String(req.params.slug), ctx.clock.now());

  async function loadRelease(req: Request) {
    const opened = await open(req);
    const row = await findRelease(db, opened.project.id, String(req.params.version));
    if (!row) throw notFound('Release');
    return { ...opened, row, latest: req.params.version === 'latest' };
  }

  function sendFile(
    req: Request,
    res: Response,
    slug: string,
    version: string,
    file: ReleaseFile,
    cache: string,
  ) {
    res.setHeader('etag', `"${file.sha256}"`);
    res.setHeader('cache-control', cache);
    if (
      req
        .get('if-none-match')
        ?.split(/\s*,\s*/)
        .some((t) => t.replace(/^W\//, '') === `"${file.sha256}"`)
    ) {
      res.status(304).end();
      return;
    }
    res.setHeader('content-type', file.mediaType);
    res.setHeader('content-length', String(file.bytes));
    if (file.format !== 'datapackage') res.attachment(`${slug}-${version}-${file.name}`);
    storage
      .createReadStream(releaseFileKey(slug, version, file.name))
      .on('error', (err) => res.destroy(err))
      .pipe(res);
  }

  router.post('/:slug/releases', async (req, res) => {
    const project = await loadEditableProject(db, req, String(req.params.slug));
    const input = parseInput(publishReleaseBody, req.body);
    const row = await publishRelease({ db, storage, clock: ctx.clock }, project, {
      ...input,
      publishedBy: req.auth.user?.id ?? null,
    });
    res.status(201).json({ release: presentRelease(project, row, baseUrl) });
  });

  router.get('/:slug/releases', ...read, async (req, res) => {
    const { project, isPublic } = await open(req);
    const rows = await listReleases(db, project.id);
    cacheFor(res, isPublic);
    res.json({ releases: rows.map((r) => presentRelease(project, r, baseUrl)) });
  });

  router.get('/:slug/releases/:version', ...read, async (req, res) => {
    const { project, row, isPublic, latest } = await loadRelease(req);
    res.setHeader(
      'cache-control',
      isPublic ? (latest ? 'public, max-age=60' : IMMUTABLE) : 'private, no-cache',
    );
    res.json({ release: presentRelease(project, row, baseUrl) });
  });

  const fileRoute = (name: (req: Request) => string) => async (req: Request, res: Response) => {
    const { project, row, isPublic, latest } = await loadRelease(req);
    const file = (row.files as ReleaseFile[]).find((f) => f.name === name(req));
    if (!file) throw notFound('Release file');
    const cache = isPublic ? (latest ? 'public, max-age=60' : IMMUTABLE) : 'private, no-cache';
    sendFile(req, res, project.slug, row.version, file, cache);
  };
  router.get(
    '/:slug/releases/:version/datapackage.json',
    ...read,
    fileRoute(() => 'datapackage.json'),
  );
  router.get(
    '/:slug/releases/:version/files/:name',
    ...read,
    fileRoute((req) => String(req.params.name)),
  );
  // The data package lists its resources by relative path (`records.csv`), so they resolve here too.
  router.get(
    '/:slug/releases/:version/:name',
    ...read,
    fileRoute((req) => String(req.params.name)),
  );
  for (const path of [
    '/:slug/releases',
    '/:slug/releases/:version',
    '/:slug/releases/:version/datapackage.json',
    '/:slug/releases/:version/files/:name',
    '/:slug/releases/:version/:name',
  ]) {
    router.options(path, openCors);
  }
  return router;
}
