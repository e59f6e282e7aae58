import type { ProjectProgress, ProjectSummary } from '../contracts/projects.js';
import type { ProjectWithOrg } from './repository.js';

/** A project as the API shows it. */
export function presentProject(
  p: ProjectWithOrg,
  progress: ProjectProgress,
  canEdit: boolean,
): ProjectSummary {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    description: p.description,
    language: p.language === 'en' ? 'en' : 'es',
    locale: p.locale,
    status: p.status,
    embargoUntil: p.embargoUntil?.toISOString() ?? null,
    agreeK: p.agreeK,
    maxTranscriptions: p.maxTranscriptions,
    taskGranularity: p.taskGranularity,
    ocrLanguages: p.ocrLanguages,
    organization: { slug: p.organizationSlug, name: p.organizationName },
    progress,
    canEdit,
    createdAt: p.createdAt.toISOString(),
  };
}
