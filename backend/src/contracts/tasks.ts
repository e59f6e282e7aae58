// Task, transcription and field-schema payloads shared with the frontend (zod only, no Node code).
import { z } from 'zod';
import type { FieldSchemaDefinition } from './field-schema.js';

/** A volunteer's statement instead of a value. */
export const MarkerSchema = z.enum(['illegible', 'not_present']);

/** Body of `POST /api/v1/tasks/:id/transcriptions`. */
export const submitTranscriptionBody = z.object({
  /** Chosen by the client once per form; a retried POST with the same id never counts twice. */
  clientSubmissionId: z.string().min(8).max(100),
  /** By top-level field key (a table is a list of row objects) or, in a partial task, by cell path. */
  values: z.record(z.string(), z.unknown()).default({}),
  markers: z.record(z.string(), MarkerSchema).default({}),
  /** Whether a value was typed or picked from the OCR layer, by path or top-level key. */
  sources: z.record(z.string(), z.enum(['typed', 'ocr'])).default({}),
  secondsSpent: z.number().int().min(0).max(86_400).optional(),
});
export type SubmitTranscriptionBody = z.infer<typeof submitTranscriptionBody>;

export interface TaskPageView {
  number: number;
  width: number;
  height: number;
  imageUrl: string;
  thumbnailUrl: string;
  wordsUrl: string;
}

/** A leased task as the transcription form receives it. */
export interface TaskView {
  id: string;
  projectSlug: string;
  documentId: string;
  pageNumber: number | null;
  pages: TaskPageView[];
  /** Field paths asked: every top-level key, or in a partial task only the still-wanted paths. */
  fields: string[];
  schema: FieldSchemaDefinition;
  schemaId: string;
  leaseExpiresAt: string;
  isGold: boolean;
}

export interface SubmissionReceipt {
  transcription: { id: string; taskId: string; clientSubmissionId: string; createdAt: string };
}

/** Body of `PUT /api/v1/projects/:slug/schema`: a field schema definition. */
export const putSchemaBody = z.object({ definition: z.unknown() });

export interface SchemaView {
  schema: FieldSchemaDefinition;
  schemaId: string;
  version: number;
  createdNewVersion: boolean;
}
