import type { TaskPageView, TaskView } from '@cotejo/backend/contracts';
import { api } from './http';

/** A page of a leased task (display image, thumbnail and OCR words URLs). */
export type TaskPage = TaskPageView;

/** A leased task; `fields` lists the asked paths (only the disputed ones in a partial task). */
export type Task = TaskView;

export type TableRowValue = Record<string, string>;
export type FieldValue = string | boolean | TableRowValue[];
export type Marker = 'illegible' | 'not_present';
export type ValueSource = 'typed' | 'ocr';

export interface SubmissionBody {
  clientSubmissionId: string;
  values: Record<string, FieldValue>;
  markers: Record<string, Marker>;
  sources: Record<string, ValueSource>;
  secondsSpent: number;
}

export interface GoldFeedback {
  [fieldPath: string]: { correct: boolean; expected?: string | null; message?: string } | undefined;
}

export interface SubmissionResult {
  transcription: { id: string };
  feedback?: GoldFeedback;
}

export interface PageWord {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  box: { x: number; y: number; w: number; h: number };
  confidence: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: PageWord[];
}

/** Leasing, submitting and skipping tasks; page words for the OCR layer. */
export const tasksService = {
  next: (slug: string) => api.post<{ task: Task }>(`/api/v1/projects/${encodeURIComponent(slug)}/tasks/next`),
  submit: (taskId: string, body: SubmissionBody) =>
    api.post<SubmissionResult>(`/api/v1/tasks/${encodeURIComponent(taskId)}/transcriptions`, body),
  skip: (taskId: string) => api.post<undefined>(`/api/v1/tasks/${encodeURIComponent(taskId)}/skip`),
  words: (url: string) => api.get<PageWords>(url),
};
