/** Loading a project the way each caller may see it. */
import type { Request } from 'express';
import { canManageOrganization, requireOrganizationEditor } from '../auth/policy.js';
import type { DbOrTx } from '../db/client.js';
import { notFound } from '../errors.js';
import { findProjectBySlug, type ProjectWithOrg } from './repository.js';

/** A project the caller may see: drafts only to its editors (others get 404, not 403). */
export async function loadVisibleProject(
  db: DbOrTx,
  req: Request,
  slug: string,
): Promise<{ project: ProjectWithOrg; canEdit: boolean }> {
  const project = await findProjectBySlug(db, slug);
  if (!project) throw notFound('Project');
  const canEdit = await canManageOrganization(db, req.auth.user, project.organizationId);
  if (project.status === 'draft' && !canEdit) throw notFound('Project');
  return { project, canEdit };
}

/** A project the caller edits (editor of its organization, or admin); 404 when unknown. */
export async function loadEditableProject(db: DbOrTx, req: Request, slug: string): Promise<ProjectWithOrg> {
  const project = await findProjectBySlug(db, slug);
  if (!project) throw notFound('Project');
  await requireOrganizationEditor(db, req, project.organizationId);
  return project;
}
