/** Cookie names and attributes for the session and the CSRF pair. */
import { parse } from 'cookie';
import type { CookieOptions, RequestHandler, Response } from 'express';
import type { Config } from '../config/env.js';

export const SESSION_COOKIE = 'cotejo_session';
export const CSRF_COOKIE = 'cotejo_csrf';

/** httpOnly, SameSite=Lax, Secure when the public URL is https or the request came over TLS. */
export function cookieOptions(config: Config, secureRequest: boolean, maxAgeMs?: number): CookieOptions {
  const secure = secureRequest || (config.COTEJO_PUBLIC_URL?.startsWith('https://') ?? false);
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

/** Sets the session cookie. */
export function setSessionCookie(res: Response, config: Config, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, cookieOptions(config, secure, config.COTEJO_SESSION_DAYS * 86_400_000));
}

/** Parses the Cookie header into req.cookies. */
export const parseCookies: RequestHandler = (req, _res, next) => {
  const header = req.headers.cookie;
  req.cookies = header ? parse(header) : {};
  next();
};

/** One cookie of the request (req.cookies is typed `any` by Express). */
export function readCookie(req: { cookies: unknown }, name: string): string | undefined {
  const jar = req.cookies as Record<string, string | undefined> | undefined;
  return jar?.[name];
}
