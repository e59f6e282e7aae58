/** /api/v1/auth: session, guest, sign up, log in, log out, API tokens. */
import { Router, type Request, type Response } from 'express';
import { createTokenBody, loginBody, signupBody } from '../contracts/auth.js';
import { notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import { limiter } from '../http/rate-limit.js';
import { parseInput } from '../http/validate.js';
import type { UserRow } from '../users/repository.js';
import { SESSION_COOKIE, cookieOptions, setSessionCookie } from './cookies.js';
import { ensureCsrf } from './middleware.js';
import { requireAccount } from './policy.js';
import { createGuest } from './guest.js';
import { logIn } from './login.js';
import { presentApiToken, presentSessionUser } from './present.js';
import { createApiToken, createSession, deleteSession, listApiTokens, revokeApiToken } from './repository.js';
import { signUp } from './signup.js';

export interface AuthRouteOptions {
  /** Attempts per minute per IP on log in / sign up / guest. */
  authRateLimit?: number;
}

export function authRoutes(ctx: AppContext, options: AuthRouteOptions = {}): Router {
  const router = Router();
  const { db } = ctx.database;
  const authLimit = limiter(
    options.authRateLimit ?? ctx.config.COTEJO_AUTH_RATE_LIMIT,
    60_000,
    'sign-in attempts',
  );

  async function startSession(req: Request, res: Response, user: UserRow, status: number) {
    if (req.auth.sessionId) await deleteSession(db, req.auth.sessionId);
    const expires = new Date(ctx.clock.now().getTime() + ctx.config.COTEJO_SESSION_DAYS * 86_400_000);
    const { token } = await createSession(db, user.id, expires, req.get('user-agent'));
    setSessionCookie(res, ctx.config, token, req.secure);
    res
      .status(status)
      .json({ user: await presentSessionUser(db, user), csrfToken: ensureCsrf(ctx, req, res) });
  }

  router.get('/session', async (req, res) => {
    const user =
      req.auth.user && req.auth.via === 'session' ? await presentSessionUser(db, req.auth.user) : null;
    res.setHeader('cache-control', 'no-store');
    res.json({ user, csrfToken: ensureCsrf(ctx, req, res) });
  });

  router.post('/guest', authLimit, async (req, res) => {
    if (req.auth.user) {
      res.json({ user: await presentSessionUser(db, req.auth.user), csrfToken: ensureCsrf(ctx, req, res) });
      return;
    }
    await startSession(req, res, await createGuest(db), 201);
  });

  router.post('/signup', authLimit, async (req, res) => {
    const input = parseInput(signupBody, req.body);
    const user = await signUp({ db }, input, req.auth.user);
    await startSession(req, res, user, 201);
  });

  router.post('/login', authLimit, async (req, res) => {
    const input = parseInput(loginBody, req.body);
    const user = await logIn({ db, clock: ctx.clock }, input, req.auth.user);
    await startSession(req, res, user, 200);
  });

  router.post('/logout', async (req, res) => {
    if (req.auth.sessionId) await deleteSession(db, req.auth.sessionId);
    res.clearCookie(SESSION_COOKIE, cookieOptions(ctx.config, req.secure));
    res.status(204).end();
  });

  router.get('/tokens', async (req, res) => {
    const user = requireAccount(req);
    res.json({ tokens: (await listApiTokens(db, user.id)).map(presentApiToken) });
  });

  router.post('/tokens', async (req, res) => {
    const user = requireAccount(req);
    const { name } = parseInput(createTokenBody, req.body);
    const { token, row } = await createApiToken(db, user.id, name);
    res.status(201).json({ token, info: presentApiToken(row) });
  });

  router.delete('/tokens/:id', async (req, res) => {
    const user = requireAccount(req);
    const id = String(req.params.id);
    const uuidLike = /^[0-9a-f-]{36}$/i.test(id);
    if (!uuidLike || !(await revokeApiToken(db, user.id, id, ctx.clock.now()))) throw notFound('API token');
    res.status(204).end();
  });

  return router;
}
