/** Stable codes for every way the pipeline refuses or fails a document. */
export type PipelineErrorCode =
  | 'not_a_pdf'
  | 'pdf_encrypted'
  | 'pdf_damaged'
  | 'pdf_empty'
  | 'too_many_pages'
  | 'page_too_large'
  | 'file_too_large'
  | 'unsupported_image'
  | 'ocr_failed';

/** An expected refusal or failure of the pipeline, carrying a stable code for the API. */
export class PipelineError extends Error {
  readonly code: PipelineErrorCode;
  readonly details?: unknown;

  constructor(code: PipelineErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'PipelineError';
    this.code = code;
    this.details = details;
  }
}

/** Whether a value is a PipelineError (also across module copies, by shape). */
export function isPipelineError(value: unknown): value is PipelineError {
  return value instanceof PipelineError || (value instanceof Error && value.name === 'PipelineError');
}
