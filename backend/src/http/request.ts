/** What the middleware attaches to every request. */
import type { UserRow } from '../users/repository.js';

export interface AuthContext {
  user: UserRow | null;
  sessionId: string | null;
  via: 'session' | 'token' | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth: AuthContext;
    }
  }
}

/** The request id as a string (pino-http types it loosely). */
export const requestIdOf = (req: { id?: unknown }): string => (typeof req.id === 'string' ? req.id : '');
