// The public open-data API of one project, through the app's JSON client.
import type {
  AggregateResult,
  ProjectStats,
  ProjectSummary,
  Provenance,
  PublicRecord,
  Release,
  ExportColumnInfo,
} from '@cotejo/backend/contracts';
import { api } from '../services/http';

export interface RecordsResponse {
  records: PublicRecord[];
  columns: ExportColumnInfo[];
  nextCursor: string | null;
}

/** Query parameters of the records endpoint (filters already as `f.key`, `min.key`…). */
export type RecordParams = Record<string, string>;

const base = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}`;

/** The records URL for a format (JSON for the table, csv/ndjson/xlsx for downloads). */
export function recordsUrl(slug: string, params: RecordParams, format?: 'csv' | 'ndjson' | 'xlsx'): string {
  const qs = new URLSearchParams(params);
  if (format) qs.set('format', format);
  const text = qs.toString();
  return `${base(slug)}/records${text ? `?${text}` : ''}`;
}

export const datasetService = {
  project: (slug: string) => api.get<{ project: ProjectSummary }>(base(slug)),
  stats: (slug: string) => api.get<{ stats: ProjectStats }>(`${base(slug)}/stats`),
  records: (slug: string, params: RecordParams) => api.get<RecordsResponse>(recordsUrl(slug, params)),
  aggregate: (slug: string, groupBy: string, sum: string) =>
    api.get<AggregateResult>(
      `${base(slug)}/records/aggregate?${new URLSearchParams({ groupBy, sum, count: '1', limit: '1000' }).toString()}`,
    ),
  provenance: (slug: string, id: string) =>
    api.get<{ provenance: Provenance }>(`${base(slug)}/records/${encodeURIComponent(id)}/provenance`),
  releases: (slug: string) => api.get<{ releases: Release[] }>(`${base(slug)}/releases`),
};
