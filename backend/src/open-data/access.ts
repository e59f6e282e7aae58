/** Who may read a project's open data: public projects past their embargo; editors always. */
import type { Request } from 'express';
import type { DbOrTx } from '../db/client.js';
import { AppError } from '../errors.js';
import { loadVisibleProject } from '../projects/access.js';
import type { ProjectWithOrg } from '../projects/repository.js';

export interface OpenProject {
  project: ProjectWithOrg;
  /** False for editors looking at a draft or embargoed project: such answers must not be cached publicly. */
  isPublic: boolean;
}

/** True while a project's data is under embargo. */
export const isEmbargoed = (project: Pick<ProjectWithOrg, 'embargoUntil'>, now: Date) =>
  project.embargoUntil !== null && project.embargoUntil.getTime() > now.getTime();

/** The project, or 404 (draft) / 403 `embargoed` for the public. */
export async function loadOpenProject(
  db: DbOrTx,
  req: Request,
  slug: string,
  now: Date,
): Promise<OpenProject> {
  const { project, canEdit } = await loadVisibleProject(db, req, slug);
  const embargoed = isEmbargoed(project, now);
  if (embargoed && !canEdit) {
    throw new AppError('embargoed', 'This project’s data is under embargo', {
      until: project.embargoUntil!.toISOString(),
    });
  }
  return { project, isPublic: project.status !== 'draft' && !embargoed };
}
