/** Rows → API shapes (contracts/documents.ts). */
import type {
  DocumentDetail,
  DocumentSummary,
  PageDetail,
  PageStatusSummary,
  PageWords,
} from '../contracts/documents.js';
import type { DocumentRow, PageRow } from './repository.js';

/** A document as lists and the upload answer show it. */
export function presentDocument(doc: DocumentRow, projectSlug: string): DocumentSummary {
  return {
    id: doc.id,
    projectSlug,
    originalFilename: doc.originalFilename,
    sha256: doc.sha256,
    bytes: doc.bytes,
    status: doc.status,
    stage: doc.stage,
    pageCount: doc.pageCount,
    pagesDone: doc.pagesDone,
    error: doc.errorCode ? { code: doc.errorCode, message: doc.errorMessage ?? '' } : null,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** A document with its per-page progress. */
export function presentDocumentDetail(
  doc: DocumentRow,
  projectSlug: string,
  pages: PageStatusSummary[],
): DocumentDetail {
  return {
    ...presentDocument(doc, projectSlug),
    pages: pages.map(({ number, status, source }) => ({ number, status, source })),
  };
}

/** The content version in a page image key (`…-<sha16>.webp`): URLs carry it so caches can keep them forever. */
export function imageVersion(key: string): string {
  return /-([0-9a-f]{16})\.webp$/.exec(key)?.[1] ?? 'x';
}

/** A page's text and links to its images and words. */
export function presentPage(page: PageRow): PageDetail {
  const base = `/api/v1/documents/${page.documentId}/pages/${page.number}`;
  return {
    documentId: page.documentId,
    number: page.number,
    width: page.width,
    height: page.height,
    status: page.status,
    source: page.textSource,
    text: page.text,
    meanConfidence: page.meanConfidence,
    display:
      page.displayKey && page.displayWidth && page.displayHeight
        ? {
            width: page.displayWidth,
            height: page.displayHeight,
            url: `${base}/image?v=${imageVersion(page.displayKey)}`,
          }
        : null,
    thumbnailUrl: page.thumbnailKey ? `${base}/thumbnail?v=${imageVersion(page.thumbnailKey)}` : null,
    wordsUrl: `${base}/words`,
  };
}

interface StoredWord {
  text: string;
  bbox: PageWords['words'][number]['bbox'];
  box: PageWords['words'][number]['box'];
  confidence: number;
}

/** A page's words with their boxes, as a viewer overlays them. */
export function presentWords(page: PageRow): PageWords {
  const words = (page.words ?? []) as StoredWord[];
  return {
    width: page.width,
    height: page.height,
    words: words.map(({ text, bbox, box, confidence }) => ({ text, bbox, box, confidence })),
  };
}
