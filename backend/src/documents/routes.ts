/**
 * /api/v1/projects/:slug/documents and /api/v1/documents/:id/…: upload, list, status, retry,
 * original, page text, images and words.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { listDocumentsQuery } from '../contracts/documents.js';
import type { UploadDocumentsResponse } from '../contracts/documents.js';
import { AppError, notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadEditableProject } from '../projects/access.js';
import type { Storage } from '../storage/storage.js';
import { loadEditableDocument, loadVisibleDocument } from './access.js';
import { consumeDocument } from './consume.js';
import type { PipelineDeps } from './pipeline.js';
import {
  imageVersion,
  presentDocument,
  presentDocumentDetail,
  presentPage,
  presentWords,
} from './present.js';
import {
  findDocument,
  findPage,
  listDocuments,
  pageStatuses,
  type DocumentWithProject,
} from './repository.js';
import { retryDocument } from './retry-document.js';
import { receiveUploads } from './upload.js';

const pageNumber = z.coerce.number().int().min(1).max(1_000_000);

export function documentRoutes(ctx: AppContext, deps: PipelineDeps): Router {
  const router = Router();
  const { db } = ctx.database;

  router.post('/projects/:slug/documents', async (req, res) => {
    const project = await loadEditableProject(db, req, String(req.params.slug));
    const outcome = await receiveUploads(req, deps.limits.maxBytes, (filename, body) =>
      consumeDocument(deps, { project, filename, body, uploadedBy: req.auth.user!.id }),
    );
    const first = outcome.rejected[0];
    if (!outcome.accepted.length && first) throw first.error;
    if (!outcome.accepted.length) throw new AppError('bad_request', 'No file in the "file" field');
    const body: UploadDocumentsResponse = {
      documents: outcome.accepted.map((doc) => presentDocument(doc, project.slug)),
      rejected: outcome.rejected.map(({ filename, error }) => ({
        filename,
        error: { code: error.code, message: error.message, details: error.details ?? null },
      })),
    };
    res.status(201).json(body);
  });

  router.get('/projects/:slug/documents', async (req, res) => {
    const project = await loadEditableProject(db, req, String(req.params.slug));
    const { status } = parseInput(listDocumentsQuery, req.query, 'query');
    const list = await listDocuments(db, project.id, status);
    res.setHeader('cache-control', 'private, no-cache');
    res.json({ documents: list.map((doc) => presentDocument(doc, project.slug)) });
  });

  router.get('/documents/:id', async (req, res) => {
    const { document } = await loadVisibleDocument(db, req, String(req.params.id));
    const pages = await pageStatuses(db, document.id);
    res.setHeader('cache-control', 'private, no-cache');
    res.json({ document: presentDocumentDetail(document, document.projectSlug, pages) });
  });

  router.post('/documents/:id/retry', async (req, res) => {
    const document = await loadEditableDocument(db, req, String(req.params.id));
    await retryDocument(deps, document.id);
    const fresh = (await findDocument(db, document.id))!;
    res
      .status(202)
      .json({ document: presentDocumentDetail(fresh, fresh.projectSlug, await pageStatuses(db, fresh.id)) });
  });

  router.get('/documents/:id/original', async (req, res) => {
    const document = await loadEditableDocument(db, req, String(req.params.id));
    res.setHeader('content-type', 'application/pdf');
    res.setHeader(
      'content-disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(document.originalFilename)}`,
    );
    sendStored(req, res, deps.storage, document.storageKey, document.sha256, 'private');
  });

  router.get('/documents/:id/pages/:n', async (req, res) => {
    const { document, page } = await loadPage(req);
    if (cacheByEtag(req, res, `"${page.id}-${page.updatedAt.getTime()}"`, scopeOf(document))) return;
    res.json({ page: presentPage(page) });
  });

  router.get('/documents/:id/pages/:n/words', async (req, res) => {
    const { document, page } = await loadPage(req);
    if (cacheByEtag(req, res, `"${page.id}-${page.updatedAt.getTime()}-w"`, scopeOf(document))) return;
    res.json(presentWords(page));
  });

  for (const [path, column] of [
    ['image', 'displayKey'],
    ['thumbnail', 'thumbnailKey'],
  ] as const) {
    router.get(`/documents/:id/pages/:n/${path}`, async (req, res) => {
      const { document, page } = await loadPage(req);
      const key = page[column];
      if (!key) throw notFound('Page image');
      const version = imageVersion(key);
      res.setHeader('content-type', 'image/webp');
      // A URL carrying the current content version never changes: cache it for a year.
      const immutable = req.query.v === version;
      sendStored(req, res, deps.storage, key, version, scopeOf(document), immutable);
    });
  }

  async function loadPage(req: Request) {
    const { document } = await loadVisibleDocument(db, req, String(req.params.id));
    const number = parseInput(pageNumber, req.params.n, 'page number');
    const page = await findPage(db, document.id, number);
    if (!page) throw notFound('Page');
    return { document, page };
  }

  return router;
}

function scopeOf(document: DocumentWithProject): 'public' | 'private' {
  return document.projectStatus === 'draft' ? 'private' : 'public';
}

/** Sets ETag and Cache-Control; answers 304 and returns true when the client's copy is current. */
function cacheByEtag(req: Request, res: Response, etag: string, scope: string, immutable = false): boolean {
  res.setHeader('etag', etag);
  res.setHeader('cache-control', immutable ? `${scope}, max-age=31536000, immutable` : `${scope}, no-cache`);
  const known = (req.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!known.includes(etag)) return false;
  res.status(304).end();
  return true;
}

function sendStored(
  req: Request,
  res: Response,
  storage: Storage,
  key: string,
  version: string,
  scope: string,
  immutable = false,
): void {
  if (cacheByEtag(req, res, `"${version}"`, scope, immutable)) return;
  const stream = storage.createReadStream(key);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
