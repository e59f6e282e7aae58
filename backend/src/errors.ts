/**
 * Every error code the API can answer, in one place. The shape on the wire is always
 * `{"error":{"code","message","details","requestId"}}` (docs/adr/0002-error-shape.md).
 */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 422,
  invalid_json: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  account_locked: 423,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  email_taken: 409,
  rate_limited: 429,
  // documents and pipeline
  not_a_pdf: 415,
  pdf_encrypted: 422,
  pdf_damaged: 422,
  pdf_empty: 422,
  too_many_pages: 413,
  page_too_large: 413,
  file_too_large: 413,
  unsupported_image: 415,
  ocr_failed: 500,
  duplicate_document: 409,
  // crowd
  no_task_available: 404,
  lease_expired: 409,
  schema_in_use: 409,
  project_not_live: 409,
  // open data
  release_exists: 409,
  embargoed: 403,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }
}

/** Builds an AppError; the usual way to fail a use case. */
export const fail = (code: ErrorCode, message: string, details?: unknown) =>
  new AppError(code, message, details);

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const unauthenticated = (message = 'Sign in first') => new AppError('unauthenticated', message);
