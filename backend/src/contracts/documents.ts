/** Documents and pages as the API returns them (upload, list, detail, page text and words). */
import { z } from 'zod';

export const documentStatusSchema = z.enum(['uploaded', 'processing', 'ready', 'failed']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export const listDocumentsQuery = z.object({ status: documentStatusSchema.optional() });

export interface DocumentError {
  code: string;
  message: string;
}

export interface DocumentSummary {
  id: string;
  projectSlug: string;
  originalFilename: string;
  sha256: string;
  bytes: number;
  status: DocumentStatus;
  /** What the pipeline is doing: `queued`, `pages`, or null when finished. */
  stage: string | null;
  pageCount: number | null;
  pagesDone: number;
  error: DocumentError | null;
  createdAt: string;
  updatedAt: string;
}

export interface PageStatusSummary {
  number: number;
  status: 'pending' | 'done' | 'failed';
  source: 'text-layer' | 'ocr' | null;
}

export interface DocumentDetail extends DocumentSummary {
  pages: PageStatusSummary[];
}

/** 201 answer of an upload; files refused while others were accepted are listed in `rejected`. */
export interface UploadDocumentsResponse {
  documents: DocumentSummary[];
  rejected: { filename: string; error: DocumentError & { details: unknown } }[];
}

export interface PageDetail {
  documentId: string;
  number: number;
  /** PDF points. */
  width: number;
  height: number;
  status: PageStatusSummary['status'];
  source: PageStatusSummary['source'];
  text: string | null;
  meanConfidence: number | null;
  display: { width: number; height: number; url: string } | null;
  thumbnailUrl: string | null;
  wordsUrl: string;
}

export interface PageWord {
  text: string;
  /** PDF points, top-left origin. */
  bbox: { x0: number; y0: number; x1: number; y1: number };
  /** Fractions of the page, top-left origin. */
  box: { x: number; y: number; w: number; h: number };
  confidence: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: PageWord[];
}
