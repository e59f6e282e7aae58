// The one place that talks HTTP: JSON in and out, the CSRF header on every mutation, and the
// API's error shape turned into ApiError so stores can branch on stable codes.
import type { ApiErrorBody } from '@cotejo/backend/contracts';

/** An API failure with the server's stable code (or a client-side one such as `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field problems from a 422 (`details.fieldErrors` or `details.issues`). */
  get fieldErrors(): { path: string; code: string; message: string }[] {
    const d = this.details as {
      fieldErrors?: unknown;
      issues?: unknown;
    } | null;
    const list = (
      Array.isArray(d?.fieldErrors) ? d.fieldErrors : Array.isArray(d?.issues) ? d.issues : []
    ) as {
      path?: unknown;
      code?: unknown;
      message?: unknown;
    }[];
    return list.map((e) => ({
      path: pathText(e.path),
      code: typeof e.code === 'string' ? e.code : 'invalid',
      message: typeof e.message === 'string' ? e.message : '',
    }));
  }
}

// `['items', 2, 'amount']` → `items[2].amount`, the form's field-path notation.
function pathText(path: unknown): string {
  if (typeof path === 'string') return path;
  if (!Array.isArray(path)) return '';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

let csrfToken: string | null = null;

/** Remembers the CSRF token the session endpoints hand out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token currently in use (null before the session is loaded). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object';
}

/** Sends one request under /api and returns the parsed JSON body (undefined for 204). */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'network error');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (isErrorBody(parsed)) {
      const e = parsed.error;
      throw new ApiError(response.status, e.code, e.message, e.details, e.requestId);
    }
    throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
