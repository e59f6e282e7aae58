/** Rate limits answer in the one error shape (code `rate_limited`). */
import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

/** `limit` requests per `windowMs` per client IP (and per API token when one is sent). */
export function limiter(limit: number, windowMs: number, what = 'requests'): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const user = req.auth?.user;
      // Accounts are counted as themselves (several people can share one IP); guests and anonymous by IP.
      if (user && !user.isGuest) return `${req.auth.via}:${user.id}`;
      return `ip:${req.ip}`;
    },
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, _res, next) =>
      next(new AppError('rate_limited', `Too many ${what}; slow down and retry shortly`)),
  });
}
