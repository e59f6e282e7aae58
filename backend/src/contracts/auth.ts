/** Auth request bodies and responses, shared by the server and the Vue app. */
import { z } from 'zod';

export const signupBody = z.object({
  email: z.email().max(254),
  password: z.string().min(10, 'at least 10 characters').max(200),
  displayName: z.string().trim().min(1).max(80),
});
export type SignupBody = z.infer<typeof signupBody>;

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBody>;

export const createTokenBody = z.object({ name: z.string().trim().min(1).max(80) });

export type UserRole = 'admin' | 'editor' | 'volunteer';

export interface SessionUser {
  id: string;
  email: string | null;
  displayName: string;
  role: UserRole;
  isGuest: boolean;
  organizations: { id: string; slug: string; name: string; role: 'owner' | 'editor' }[];
}

export interface SessionResponse {
  user: SessionUser | null;
  csrfToken: string;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
