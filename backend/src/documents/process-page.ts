/**
 * The `page.process` job: one page through text layer / OCR, images to storage first, then the
 * page row and the document's counter in one short transaction. Idempotent: a page already done
 * is skipped, and the last page to finish enqueues assembly.
 */
import { createHash } from 'node:crypto';
import type { PageResult } from '@cotejo/ocr';
import { documentJob } from '../jobs/kinds.js';
import type { JobHandler } from '../jobs/registry.js';
import { requeueJobs } from '../jobs/repository.js';
import { inTransaction } from '../realtime/publisher.js';
import { storageKeys } from '../storage/storage.js';
import { failDocument } from './fail-document.js';
import { ocrLanguagesOf, type PipelineDeps } from './pipeline.js';
import { queueProgressOf } from './progress.js';
import {
  findDocument,
  findPage,
  incrementPagesDone,
  savePageResult,
  type DocumentWithProject,
  type PageResultValues,
} from './repository.js';

/** Processes page `number` of a document unless it is done already. */
export async function processPage(deps: PipelineDeps, documentId: string, number: number): Promise<void> {
  const doc = await findDocument(deps.db, documentId);
  if (!doc || doc.status !== 'processing') return;
  const page = await findPage(deps.db, documentId, number);
  if (!page || page.status === 'done') return;
  const languages = ocrLanguagesOf(doc.ocrLanguages);
  const result = await deps.pages.process(doc, number, languages);
  const values = await storePageImages(deps, doc, result);
  await inTransaction(deps.db, deps.publisher, async (tx, outbox) => {
    if (!(await savePageResult(tx, page.id, values))) return;
    const counter = await incrementPagesDone(tx, documentId, doc.projectSlug);
    if (!counter) return;
    if (counter.pageCount !== null && counter.pagesDone >= counter.pageCount) {
      // requeue, not enqueue: after a retry the assemble job of the first run exists as failed or done.
      await requeueJobs(tx, [documentJob('document.assemble', { documentId })]);
    }
    queueProgressOf(outbox, counter);
  });
  deps.enqueued();
}

/** Writes the display image and thumbnail before the row points at them (a crash leaves only orphans). */
async function storePageImages(
  deps: PipelineDeps,
  doc: DocumentWithProject,
  result: PageResult,
): Promise<PageResultValues> {
  const [display, thumbnail] = await Promise.all(
    (['display', 'thumb'] as const).map(async (kind) => {
      const image = kind === 'display' ? result.display : result.thumbnail;
      const sha = createHash('sha256').update(image.webp).digest('hex');
      const key = storageKeys.pageImage(doc.projectId, doc.id, result.number, sha, kind);
      if (!(await deps.storage.exists(key))) await deps.storage.put(key, image.webp);
      return { key, image };
    }),
  );
  return {
    displayKey: display!.key,
    displayWidth: display!.image.width,
    displayHeight: display!.image.height,
    thumbnailKey: thumbnail!.key,
    textSource: result.source,
    text: result.text,
    words: result.words,
    meanConfidence: result.meanConfidence,
  };
}

/** The registry entry for `page.process`. */
export function processPageHandler(deps: PipelineDeps): JobHandler<'page.process'> {
  return {
    kind: 'page.process',
    run: ({ documentId, page }) => processPage(deps, documentId, page),
    giveUp: ({ documentId, page }, failure) => failDocument(deps, documentId, failure, page),
  };
}
