/** Resolves who is calling (session cookie or Bearer token) and enforces CSRF on cookie sessions. */
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { CSRF_COOKIE, SESSION_COOKIE, cookieOptions, readCookie } from './cookies.js';
import { csrfTokenFor, randomToken, safeEqual } from './crypto.js';
import { findApiToken, findSession } from './repository.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sets req.auth from a Bearer API token or the session cookie (a bad token is a 401). */
export function resolveAuth(ctx: Pick<AppContext, 'database' | 'clock'>): RequestHandler {
  return async (req, _res, next) => {
    req.auth = { user: null, sessionId: null, via: null };
    const header = req.get('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match ? await findApiToken(ctx.database.db, match[1]!) : undefined;
      if (!found) throw new AppError('unauthenticated', 'The API token is invalid or revoked');
      req.auth = { user: found.user, sessionId: null, via: 'token' };
      return next();
    }
    const token = readCookie(req, SESSION_COOKIE);
    if (token) {
      const found = await findSession(ctx.database.db, token, ctx.clock.now());
      if (found) req.auth = { user: found.user, sessionId: found.sessionId, via: 'session' };
    }
    next();
  };
}

/** Issues the CSRF cookie when missing and returns the token the client must echo. */
export function ensureCsrf(
  ctx: Pick<AppContext, 'config'>,
  req: Parameters<RequestHandler>[0],
  res: Parameters<RequestHandler>[1],
): string {
  let cookie = readCookie(req, CSRF_COOKIE);
  if (!cookie || cookie.length < 20) {
    cookie = randomToken();
    (req.cookies as Record<string, string>)[CSRF_COOKIE] = cookie;
    res.cookie(CSRF_COOKIE, cookie, cookieOptions(ctx.config, req.secure));
  }
  return csrfTokenFor(ctx.config.secret, cookie);
}

/**
 * Every state-changing request that is not authenticated by an API token must carry
 * `x-csrf-token` matching the caller's csrf cookie. API tokens are read-only, so they never mutate.
 */
export function requireCsrf(ctx: Pick<AppContext, 'config'>): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.auth.via === 'token') {
      throw new AppError('forbidden', 'API tokens are read-only; sign in to change data');
    }
    const cookie = readCookie(req, CSRF_COOKIE);
    const header = req.get('x-csrf-token');
    if (!cookie || !header || !safeEqual(header, csrfTokenFor(ctx.config.secret, cookie))) {
      throw new AppError(
        'csrf_failed',
        'Missing or invalid x-csrf-token header; get one from GET /api/v1/auth/session',
      );
    }
    next();
  };
}
