/**
 * What every public read route shares: CORS open for GET (no credentials), rate limits per IP
 * for anonymous callers and per token for API tokens, and cache headers.
 */
import type { RequestHandler, Response } from 'express';
import { limiter } from '../http/rate-limit.js';

export interface PublicLimits {
  /** Requests per minute per IP without a token. */
  anonymousPerMinute: number;
  /** Requests per minute per API token. */
  tokenPerMinute: number;
}

/** COTEJO_OPEN_DATA_RATE_LIMIT (default 120/min); tokens get ten times as much. */
export function publicLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): PublicLimits {
  const anonymous = Number(env.COTEJO_OPEN_DATA_RATE_LIMIT ?? 120);
  const perMinute = Number.isInteger(anonymous) && anonymous > 0 ? anonymous : 120;
  return { anonymousPerMinute: perMinute, tokenPerMinute: perMinute * 10 };
}

/** CORS for public GETs: any origin, no cookies. Preflights answer 204. */
export const openCors: RequestHandler = (req, res, next) => {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader(
    'access-control-expose-headers',
    'etag, link, ratelimit, ratelimit-policy, content-disposition',
  );
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
  if (req.method === 'OPTIONS') {
    res.setHeader('access-control-allow-methods', 'GET, HEAD, OPTIONS');
    res.setHeader('access-control-allow-headers', 'authorization, if-none-match, content-type');
    res.setHeader('access-control-max-age', '86400');
    res.status(204).end();
    return;
  }
  next();
};

/** Rate limits for public reads: one budget per anonymous IP, a larger one per account (API token or session). */
export function publicRateLimit(limits: PublicLimits): RequestHandler {
  const anonymous = limiter(limits.anonymousPerMinute, 60_000, 'requests');
  const tokens = limiter(limits.tokenPerMinute, 60_000, 'requests');
  return (req, res, next) => (req.auth?.user && !req.auth.user.isGuest ? tokens : anonymous)(req, res, next);
}

/** Cache headers: public and short for live data, private for editors' previews. */
export function cacheFor(res: Response, isPublic: boolean, maxAge = 60): void {
  res.setHeader('cache-control', isPublic ? `public, max-age=${maxAge}` : 'private, no-cache');
  res.setHeader('vary', 'authorization, cookie');
}

/** Public GETs only get the CORS headers; everything else passes through untouched. */
export const corsForReads: RequestHandler = (req, res, next) =>
  req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS'
    ? openCors(req, res, next)
    : next();
