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
      /** Set first thing by the request-id middleware. */
      id: string;
    }
  }
}

/** The request id ('' before the request-id middleware ran). */
export const requestIdOf = (req: { id?: string }): string => req.id ?? '';
