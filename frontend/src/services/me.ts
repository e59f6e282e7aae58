import { api } from './http';

export interface ContributedRecord {
  id: string;
  projectSlug?: string;
  projectTitle?: string;
  documentId?: string;
  verifiedAt?: string;
  summary?: Record<string, string | null>;
  values?: Record<string, unknown>;
}

export interface Contributions {
  transcriptions: number;
  verifiedFields: number;
  agreementRate: number | null;
  records: ContributedRecord[];
}

/** The signed-in person's own data. */
export const meService = {
  contributions: () => api.get<Contributions>('/api/v1/me/contributions'),
};
