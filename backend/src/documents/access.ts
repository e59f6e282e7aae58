/** Loading a document the way each caller may see it (the rules of its project). */
import type { Request } from 'express';
import { canManageOrganization, requireOrganizationEditor } from '../auth/policy.js';
import type { DbOrTx } from '../db/client.js';
import { notFound } from '../errors.js';
import { findDocument, type DocumentWithProject } from './repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function load(db: DbOrTx, id: string): Promise<DocumentWithProject> {
  const doc = UUID.test(id) ? await findDocument(db, id) : undefined;
  if (!doc) throw notFound('Document');
  return doc;
}

/** A document whose project the caller may see: drafts only to its editors (others get 404). */
export async function loadVisibleDocument(db: DbOrTx, req: Request, id: string) {
  const document = await load(db, id);
  const canEdit = await canManageOrganization(db, req.auth.user, document.organizationId);
  if (document.projectStatus === 'draft' && !canEdit) throw notFound('Document');
  return { document, canEdit };
}

/** A document of a project the caller edits; 404 when unknown, 401/403 otherwise. */
export async function loadEditableDocument(
  db: DbOrTx,
  req: Request,
  id: string,
): Promise<DocumentWithProject> {
  const document = await load(db, id);
  await requireOrganizationEditor(db, req, document.organizationId);
  return document;
}
