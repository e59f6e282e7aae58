// Review queue payloads (editors settle disputes and failed checks).
import { z } from 'zod';

/** Body of `POST /api/v1/reviews/:taskId/decide`. */
export const decideBody = z
  .object({
    /** The disputed field path; omitted with `accept` to accept a record whose check failed. */
    fieldPath: z.string().min(1).max(200).optional(),
    action: z.enum(['decide', 'override', 'reopen', 'accept']),
    /** `decide`: the chosen candidate's comparable (or `!illegible`, `!not_present`). */
    candidate: z.string().max(2000).optional(),
    /** `override`: a value typed by the editor, normalised like a volunteer's. */
    value: z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((b) => b.action === 'accept' || b.fieldPath !== undefined, { message: 'fieldPath is required' })
  .refine((b) => b.action !== 'decide' || b.candidate !== undefined, { message: 'candidate is required' })
  .refine((b) => b.action !== 'override' || b.value !== undefined, { message: 'value is required' });
export type DecideBody = z.infer<typeof decideBody>;

export interface ReviewCandidateView {
  candidate: string;
  comparable: string | null;
  marker: string | null;
  value: unknown;
  support: number;
  ocr: boolean;
  votes: { contributor: string; weight: number; reliability: number; source: string }[];
}

export interface ReviewItemView {
  taskId: string;
  documentId: string;
  fieldPath: string | null;
  kind: 'disputed_field' | 'failed_check';
  reason: string;
  candidates: ReviewCandidateView[];
  crop: { documentId: string; page: number; region: { x: number; y: number; w: number; h: number } | null };
}
