/** SQL for documents and their pages. */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { documents, pages, projects } from '../db/schema.js';

export type DocumentRow = typeof documents.$inferSelect;
export type PageRow = typeof pages.$inferSelect;
export type DocumentStatus = DocumentRow['status'];
export type DocumentWithProject = DocumentRow & {
  projectSlug: string;
  projectStatus: (typeof projects.$inferSelect)['status'];
  organizationId: string;
  ocrLanguages: string;
};

/** Inserts a document; undefined when the project already has one with the same sha256. */
export async function insertDocument(
  db: DbOrTx,
  values: typeof documents.$inferInsert,
): Promise<DocumentRow | undefined> {
  const [row] = await db.insert(documents).values(values).onConflictDoNothing().returning();
  return row;
}

/** The project's document with these bytes, if any. */
export async function findDocumentBySha(db: DbOrTx, projectId: string, sha256: string) {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.projectId, projectId), eq(documents.sha256, sha256)))
    .limit(1);
  return row;
}

/** A document with the project facts every caller needs (slug for rooms, status for visibility). */
export async function findDocument(db: DbOrTx, id: string): Promise<DocumentWithProject | undefined> {
  const [row] = await db
    .select({
      document: documents,
      projectSlug: projects.slug,
      projectStatus: projects.status,
      organizationId: projects.organizationId,
      ocrLanguages: projects.ocrLanguages,
    })
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(eq(documents.id, id))
    .limit(1);
  if (!row) return undefined;
  const { document, ...project } = row;
  return { ...document, ...project };
}

/** A project's documents, newest first, optionally by status. */
export function listDocuments(
  db: DbOrTx,
  projectId: string,
  status?: DocumentStatus,
): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.projectId, projectId), status ? eq(documents.status, status) : undefined))
    .orderBy(desc(documents.createdAt), desc(documents.id));
}

/** Page statuses of a document, without the heavy text and words. */
export function pageStatuses(db: DbOrTx, documentId: string) {
  return db
    .select({
      number: pages.number,
      status: pages.status,
      source: pages.textSource,
      updatedAt: pages.updatedAt,
    })
    .from(pages)
    .where(eq(pages.documentId, documentId))
    .orderBy(asc(pages.number));
}

/** One page with everything. */
export async function findPage(db: DbOrTx, documentId: string, number: number): Promise<PageRow | undefined> {
  const [row] = await db
    .select()
    .from(pages)
    .where(and(eq(pages.documentId, documentId), eq(pages.number, number)))
    .limit(1);
  return row;
}

/** Creates the pending page rows (idempotent: existing pages are kept as they are). */
export async function insertPendingPages(
  db: DbOrTx,
  documentId: string,
  sizes: { number: number; width: number; height: number }[],
): Promise<void> {
  for (let i = 0; i < sizes.length; i += 500) {
    await db
      .insert(pages)
      .values(sizes.slice(i, i + 500).map((size) => ({ documentId, ...size })))
      .onConflictDoNothing();
  }
}

/** Moves a document to processing with its page count; false when it is not waiting for that. */
export async function startProcessing(
  db: DbOrTx,
  id: string,
  pageCount: number,
  metadata: Record<string, unknown>,
) {
  const rows = await db
    .update(documents)
    .set({ status: 'processing', stage: 'pages', pageCount, metadata, updatedAt: sql`now()` })
    .where(and(eq(documents.id, id), inArray(documents.status, ['uploaded', 'processing'])))
    .returning({ id: documents.id });
  return rows.length > 0;
}

export type PageResultValues = Pick<
  PageRow,
  | 'displayKey'
  | 'displayWidth'
  | 'displayHeight'
  | 'thumbnailKey'
  | 'textSource'
  | 'text'
  | 'words'
  | 'meanConfidence'
>;

/** Stores a page's result unless it is done already; true when this call finished the page. */
export async function savePageResult(db: DbOrTx, pageId: string, values: PageResultValues) {
  // pages.tsv is kept by the pages_tsv_trigger (migration 0005), from the text set here.
  const rows = await db
    .update(pages)
    .set({ ...values, status: 'done', updatedAt: sql`now()` })
    .where(and(eq(pages.id, pageId), ne(pages.status, 'done')))
    .returning({ id: pages.id });
  return rows.length > 0;
}

/** What a `document.progress` notice says about a document. */
export type DocumentProgressRow = Pick<
  DocumentWithProject,
  'id' | 'projectSlug' | 'status' | 'stage' | 'pagesDone' | 'pageCount' | 'errorCode' | 'errorMessage'
>;

/**
 * Counts one more finished page; returns the document's progress as it now stands (the counter
 * triggers assembly). `projectSlug` is the caller's: a project's slug is not this row's.
 */
export async function incrementPagesDone(
  db: DbOrTx,
  id: string,
  projectSlug: string,
): Promise<DocumentProgressRow | undefined> {
  const [row] = await db
    .update(documents)
    .set({ pagesDone: sql`${documents.pagesDone} + 1`, updatedAt: sql`now()` })
    .where(eq(documents.id, id))
    .returning({
      id: documents.id,
      status: documents.status,
      stage: documents.stage,
      pagesDone: documents.pagesDone,
      pageCount: documents.pageCount,
      errorCode: documents.errorCode,
      errorMessage: documents.errorMessage,
    });
  return row && { ...row, projectSlug };
}

/** Marks a page failed (its job gave up). */
export async function markPageFailed(db: DbOrTx, documentId: string, number: number): Promise<void> {
  await db
    .update(pages)
    .set({ status: 'failed', updatedAt: sql`now()` })
    .where(and(eq(pages.documentId, documentId), eq(pages.number, number), ne(pages.status, 'done')));
}

/** processing → ready; false when it was not processing (assembly ran already). */
export async function markDocumentReady(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .update(documents)
    .set({ status: 'ready', stage: null, errorCode: null, errorMessage: null, updatedAt: sql`now()` })
    .where(and(eq(documents.id, id), eq(documents.status, 'processing')))
    .returning({ id: documents.id });
  return rows.length > 0;
}

/** Marks a document failed with a code, unless it is ready already. */
export async function markDocumentFailed(
  db: DbOrTx,
  id: string,
  code: string,
  message: string,
): Promise<boolean> {
  const rows = await db
    .update(documents)
    .set({ status: 'failed', errorCode: code, errorMessage: message, updatedAt: sql`now()` })
    .where(and(eq(documents.id, id), ne(documents.status, 'ready')))
    .returning({ id: documents.id });
  return rows.length > 0;
}

/** failed → uploaded (never preflighted) or processing; failed pages become pending again. */
export async function reopenFailedDocument(db: DbOrTx, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .update(documents)
    .set({
      status: sql`case when ${documents.pageCount} is null then 'uploaded' else 'processing' end`,
      stage: 'queued',
      errorCode: null,
      errorMessage: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(documents.id, id), eq(documents.status, 'failed')))
    .returning();
  if (row) {
    await db
      .update(pages)
      .set({ status: 'pending', updatedAt: sql`now()` })
      .where(and(eq(pages.documentId, id), eq(pages.status, 'failed')));
  }
  return row;
}

/** Documents that were not finished (the start-up scan resumes them). */
export function unfinishedDocuments(db: DbOrTx) {
  return db
    .select({
      id: documents.id,
      status: documents.status,
      pageCount: documents.pageCount,
      pagesDone: documents.pagesDone,
    })
    .from(documents)
    .where(inArray(documents.status, ['uploaded', 'processing']));
}

/** Numbers of a document's pages that are not done. */
export async function pendingPageNumbers(db: DbOrTx, documentId: string): Promise<number[]> {
  const rows = await db
    .select({ number: pages.number })
    .from(pages)
    .where(and(eq(pages.documentId, documentId), ne(pages.status, 'done')))
    .orderBy(asc(pages.number));
  return rows.map((r) => r.number);
}

/** Progress of several documents (the import command's bars). */
export function documentsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({
      id: documents.id,
      status: documents.status,
      pagesDone: documents.pagesDone,
      pageCount: documents.pageCount,
      errorCode: documents.errorCode,
      errorMessage: documents.errorMessage,
    })
    .from(documents)
    .where(inArray(documents.id, ids));
}
