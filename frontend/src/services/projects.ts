import type { ProjectSummary } from '@cotejo/backend/contracts';
import { api } from './http';

export interface LeaderboardEntry {
  displayName?: string;
  name?: string;
  slug?: string;
  transcriptions: number;
  verified: number;
}

export interface Leaderboard {
  people: LeaderboardEntry[];
  organizations: LeaderboardEntry[];
}

export interface VerifiedRecord {
  id: string;
  documentId?: string;
  taskId?: string;
  verifiedAt?: string;
  /** From a `record.verified` event. */
  summary?: Record<string, string | null>;
  /** From the records endpoint: public values and provenance. */
  values?: Record<string, unknown>;
  provenance?: { documentId: string; page: number | null; contributors: number; verifiedAt: string };
}

export interface EntitySuggestion {
  id: string;
  name: string;
}

const p = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}`;

/** Projects, their leaderboards, verified records and entity suggestions. */
export const projectsService = {
  list: () => api.get<{ projects: ProjectSummary[] }>('/api/v1/projects'),
  get: (slug: string) => api.get<{ project: ProjectSummary }>(p(slug)),
  leaderboard: (slug: string) => api.get<Leaderboard>(`${p(slug)}/leaderboard`),
  latestRecords: (slug: string, limit = 10) =>
    api.get<{ records: VerifiedRecord[] }>(`${p(slug)}/records?limit=${limit}`),
  suggestEntities: (slug: string, kind: string, q: string) =>
    api.get<{ suggestions: EntitySuggestion[] }>(
      `${p(slug)}/entities/suggest?kind=${encodeURIComponent(kind)}&q=${encodeURIComponent(q)}`,
    ),
};
