/**
 * The one way a file enters Cotejo (upload route, `cotejo import`, anything later): stored first
 * with its sha256, checked for duplicates and by preflight, then recorded and queued.
 *
 * What a refusal keeps: nothing. A file refused synchronously (too large, duplicate, not a PDF,
 * encrypted, damaged, empty, too many pages, page too large) answers 4xx and is removed, so a
 * newsroom can fix and re-upload it without a "duplicate" in the way. Once preflight passes, the
 * original is kept for good: a document that fails later stays as `failed` with its error code,
 * its original downloadable and retryable.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isPipelineError, preflightPdf, type PreflightResult } from '@cotejo/ocr';
import { AppError } from '../errors.js';
import { documentJob } from '../jobs/kinds.js';
import { enqueueJobs } from '../jobs/repository.js';
import { inTransaction } from '../realtime/publisher.js';
import { ObjectTooLargeError, storageKeys } from '../storage/storage.js';
import type { PipelineDeps } from './pipeline.js';
import { queueDocumentProgress } from './progress.js';
import { findDocumentBySha, insertDocument, type DocumentRow } from './repository.js';

export interface ConsumeInput {
  project: { id: string };
  filename: string;
  body: Readable | Buffer;
  uploadedBy: string | null;
}

type ConsumeDeps = Pick<PipelineDeps, 'db' | 'publisher' | 'storage' | 'limits' | 'enqueued'>;

/** Stores, checks, records and queues one file; throws an AppError with a stable code on refusal. */
export async function consumeDocument(deps: ConsumeDeps, input: ConsumeInput): Promise<DocumentRow> {
  const id = randomUUID();
  const key = storageKeys.original(input.project.id, id);
  const stored = await deps.storage
    .put(key, input.body, { maxBytes: deps.limits.maxBytes })
    .catch((error: unknown) => {
      if (error instanceof ObjectTooLargeError) {
        throw new AppError('file_too_large', `The file is larger than ${deps.limits.maxBytes} bytes`, {
          maxBytes: deps.limits.maxBytes,
        });
      }
      throw error;
    });
  try {
    await refuseDuplicate(deps, input.project.id, stored.sha256);
    const checked = await preflight(deps, key);
    return await record(deps, input, { id, key, ...stored, checked });
  } catch (error) {
    await deps.storage.delete(key);
    throw error;
  }
}

async function refuseDuplicate(deps: ConsumeDeps, projectId: string, sha256: string): Promise<void> {
  const existing = await findDocumentBySha(deps.db, projectId, sha256);
  if (existing) {
    throw new AppError('duplicate_document', 'This project already has a document with the same bytes', {
      documentId: existing.id,
    });
  }
}

async function preflight(deps: ConsumeDeps, key: string): Promise<PreflightResult> {
  try {
    return await preflightPdf(await deps.storage.get(key), deps.limits);
  } catch (error) {
    if (isPipelineError(error)) throw new AppError(error.code, error.message, error.details);
    throw error;
  }
}

async function record(
  deps: ConsumeDeps,
  input: ConsumeInput,
  file: { id: string; key: string; bytes: number; sha256: string; checked: PreflightResult },
): Promise<DocumentRow> {
  const created = await inTransaction(deps.db, deps.publisher, async (tx, outbox) => {
    const row = await insertDocument(tx, {
      id: file.id,
      projectId: input.project.id,
      originalFilename: cleanFilename(input.filename),
      sha256: file.sha256,
      bytes: file.bytes,
      storageKey: file.key,
      pageCount: file.checked.pageCount,
      metadata: { pdf: file.checked.metadata },
      status: 'uploaded',
      stage: 'queued',
      uploadedBy: input.uploadedBy,
    });
    if (!row) return undefined;
    await enqueueJobs(tx, [documentJob('document.preflight', { documentId: row.id })]);
    await queueDocumentProgress(tx, outbox, row.id);
    return row;
  });
  // Two uploads of the same bytes raced past refuseDuplicate: the unique index decided.
  if (!created) await refuseDuplicate(deps, input.project.id, file.sha256);
  deps.enqueued();
  return created!;
}

/** The file's own name, without any client path, control characters or excessive length. */
export function cleanFilename(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base || 'document.pdf').slice(0, 255);
}
