import type {
  ApiTokenInfo,
  LoginBody,
  SessionResponse,
  SessionUser,
  SignupBody,
} from '@cotejo/backend/contracts';
import { api } from './http';

const base = '/api/v1/auth';

/** Accounts, sessions and API tokens (HTTP only; state lives in the session store). */
export const authService = {
  session: () => api.get<SessionResponse>(`${base}/session`),
  guest: () => api.post<{ user: SessionUser; csrfToken: string }>(`${base}/guest`),
  signup: (body: SignupBody) => api.post<{ user: SessionUser; csrfToken: string }>(`${base}/signup`, body),
  login: (body: LoginBody) => api.post<{ user: SessionUser; csrfToken: string }>(`${base}/login`, body),
  logout: () => api.post<undefined>(`${base}/logout`),
  listTokens: () => api.get<{ tokens: ApiTokenInfo[] }>(`${base}/tokens`),
  createToken: (name: string) => api.post<{ token: string; info: ApiTokenInfo }>(`${base}/tokens`, { name }),
  revokeToken: (id: string) => api.delete<undefined>(`${base}/tokens/${encodeURIComponent(id)}`),
};
