import { api } from './http';

export interface Health {
  status: string;
  database: string;
  version: string;
  uptimeSeconds: number;
  mode: string;
}

/** Liveness of the server (used to tell "offline" from "server down"). */
export const healthService = {
  get: () => api.get<Health>('/api/health'),
};
