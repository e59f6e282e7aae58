/** Project request bodies and responses, shared by the server and the Vue app. */
import { z } from 'zod';

export const projectStatus = z.enum(['draft', 'live', 'paused', 'closed']);
export type ProjectStatus = z.infer<typeof projectStatus>;

export const slugSchema = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens');

const projectFields = {
  title: z.string().trim().min(2).max(160),
  description: z.string().max(20_000),
  language: z.enum(['es', 'en']),
  locale: z.enum(['es-AR', 'es', 'en']),
  status: projectStatus,
  embargoUntil: z.iso.datetime({ offset: true }).nullable(),
  agreeK: z.number().min(1).max(10),
  maxTranscriptions: z.number().int().min(1).max(50),
  taskGranularity: z.enum(['document', 'page']),
  ocrLanguages: z.enum(['spa', 'eng', 'spa+eng']),
};

export const createProjectBody = z
  .object({ slug: slugSchema, organization: slugSchema, ...projectFields })
  .partial({
    description: true,
    language: true,
    locale: true,
    status: true,
    embargoUntil: true,
    agreeK: true,
    maxTranscriptions: true,
    taskGranularity: true,
    ocrLanguages: true,
  })
  .refine((p) => (p.maxTranscriptions ?? 5) >= (p.agreeK ?? 2), {
    message: 'maxTranscriptions must be at least agreeK',
    path: ['maxTranscriptions'],
  });
export type CreateProjectBody = z.infer<typeof createProjectBody>;

export const updateProjectBody = z.object(projectFields).partial();
export type UpdateProjectBody = z.infer<typeof updateProjectBody>;

export interface ProjectProgress {
  documents: number;
  documentsReady: number;
  tasksTotal: number;
  tasksComplete: number;
  recordsVerified: number;
  transcriptions: number;
}

export interface ProjectSummary {
  id: string;
  slug: string;
  title: string;
  description: string;
  language: 'es' | 'en';
  locale: string;
  status: ProjectStatus;
  embargoUntil: string | null;
  agreeK: number;
  maxTranscriptions: number;
  taskGranularity: 'document' | 'page';
  ocrLanguages: string;
  organization: { slug: string; name: string };
  progress: ProjectProgress;
  canEdit: boolean;
  createdAt: string;
}
