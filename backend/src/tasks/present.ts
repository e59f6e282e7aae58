/** The task as the transcription form receives it. */
import type { FieldSchemaDefinition } from '../contracts/field-schema.js';
import type { TaskView } from '../contracts/tasks.js';
import type { TaskRow } from './repository.js';

/** Builds the task view; `fields` are the asked paths (all top-level keys for a full task). */
export function presentTask(
  task: TaskRow,
  extra: {
    projectSlug: string;
    schema: FieldSchemaDefinition;
    pages: { number: number; width: number; height: number }[];
    leaseExpiresAt: Date;
  },
): TaskView {
  const base = `/api/v1/documents/${task.documentId}/pages`;
  return {
    id: task.id,
    projectSlug: extra.projectSlug,
    documentId: task.documentId,
    pageNumber: task.pageNumber,
    pages: extra.pages.map((p) => ({
      number: p.number,
      width: p.width,
      height: p.height,
      imageUrl: `${base}/${p.number}/image`,
      thumbnailUrl: `${base}/${p.number}/thumbnail`,
      wordsUrl: `${base}/${p.number}/words`,
    })),
    fields: task.wantedFields ?? extra.schema.fields.map((f) => f.key),
    schema: extra.schema,
    schemaId: task.schemaId ?? '',
    leaseExpiresAt: extra.leaseExpiresAt.toISOString(),
    isGold: task.isGold,
  };
}
