/** A release as the API shows it: file URLs and a citation line. */
import type { Release, ReleaseFile } from '../contracts/releases.js';
import type { ProjectWithOrg } from '../projects/repository.js';
import type { ReleaseRow } from './repository.js';

/** The API path of a release (or of one of its files). */
export const releasePath = (slug: string, version: string, file?: string) =>
  `/api/v1/projects/${slug}/releases/${version}${file ? `/files/${encodeURIComponent(file)}` : ''}`;

/** "Org (2026). Title (version 1.0.0) [Data set]. Cotejo. <url>" */
export function citationOf(project: ProjectWithOrg, row: ReleaseRow, baseUrl = ''): string {
  const year = row.publishedAt.getUTCFullYear();
  return `${project.organizationName} (${year}). ${project.title} (version ${row.version}) [Data set]. Cotejo. ${baseUrl}${releasePath(project.slug, row.version)}`;
}

/** The public shape of a release. */
export function presentRelease(project: ProjectWithOrg, row: ReleaseRow, baseUrl = ''): Release {
  return {
    version: row.version,
    notes: row.notes,
    rowCount: row.rowCount,
    checksum: row.checksum,
    files: (row.files as ReleaseFile[]).map((f) => ({
      ...f,
      url: releasePath(project.slug, row.version, f.name),
    })),
    publishedAt: row.publishedAt.toISOString(),
    citation: citationOf(project, row, baseUrl),
  };
}
