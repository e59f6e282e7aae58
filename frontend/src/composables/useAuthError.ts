import { ApiError } from '../services/http';

const KNOWN = [
  'invalid_credentials',
  'account_locked',
  'rate_limited',
  'email_taken',
  'validation_failed',
  'network_error',
] as const;

/** The i18n key for an auth failure, and per-field issues of a 422. */
export function authErrorKey(error: unknown): { key: string; fields: Record<string, string> } {
  if (!(error instanceof ApiError)) return { key: 'auth.errors.unknown', fields: {} };
  const code = (KNOWN as readonly string[]).includes(error.code) ? error.code : 'unknown';
  const fields: Record<string, string> = {};
  for (const issue of error.fieldErrors) fields[issue.path] = issue.message;
  return { key: `auth.errors.${code}`, fields };
}
