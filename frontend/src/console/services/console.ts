// HTTP for the newsroom console: every call goes through the app's one client (services/http.ts),
// except uploads, which use XMLHttpRequest because fetch cannot report upload progress.
import type {
  AcceptedInvitation,
  CreatedInvitation,
  CreateProjectBody,
  DashboardView,
  DecideBody,
  DocumentTaskState,
  DocumentDetail,
  DocumentStatus,
  DocumentSummary,
  EntityView,
  InvitationView,
  PageDetail,
  ProjectSummary,
  Release,
  ReviewItemView,
  SchemaView,
  UpdateProjectBody,
  UploadDocumentsResponse,
} from '@cotejo/backend/contracts';
import { ApiError, getCsrfToken, request } from '../../services/http';

export interface Organization {
  id: string;
  slug: string;
  name: string;
}

export interface Member {
  id: string;
  email: string | null;
  displayName: string;
  role: 'owner' | 'editor';
}

export interface ReviewDecision {
  id: string;
  taskId: string | null;
  fieldPath: string | null;
  action: string;
  previousValue: unknown;
  value: unknown;
  note: string | null;
  editor: string;
  at: string;
}

export interface EntityEvent {
  type: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  at: string;
  editor: string | null;
}

export interface InvitationPreview {
  organization: { slug: string; name: string };
  role: 'owner' | 'editor';
  status: InvitationView['status'];
  expiresAt: string;
}

const enc = encodeURIComponent;
const p = (slug: string) => `/api/v1/projects/${enc(slug)}`;
const o = (slug: string) => `/api/v1/organizations/${enc(slug)}`;

/** Projects, organizations and members. */
export const projectsApi = {
  list: () => request<{ projects: ProjectSummary[] }>('GET', '/api/v1/projects'),
  get: (slug: string) => request<{ project: ProjectSummary }>('GET', p(slug)),
  create: (body: CreateProjectBody) => request<{ project: ProjectSummary }>('POST', '/api/v1/projects', body),
  update: (slug: string, body: UpdateProjectBody) =>
    request<{ project: ProjectSummary }>('PATCH', p(slug), body),
  organizations: () => request<{ organizations: Organization[] }>('GET', '/api/v1/organizations'),
};

/** Field schemas (versioned by the server). */
export const schemaApi = {
  get: (slug: string) => request<SchemaView>('GET', `${p(slug)}/schema`),
  save: (slug: string, definition: unknown) =>
    request<SchemaView>('PUT', `${p(slug)}/schema`, { definition }),
};

/** Documents and their pages. */
export const documentsApi = {
  list: (slug: string, status?: DocumentStatus) =>
    request<{ documents: DocumentSummary[] }>(
      'GET',
      `${p(slug)}/documents${status ? `?status=${enc(status)}` : ''}`,
    ),
  get: (id: string) => request<{ document: DocumentDetail }>('GET', `/api/v1/documents/${enc(id)}`),
  retry: (id: string) =>
    request<{ document: DocumentSummary }>('POST', `/api/v1/documents/${enc(id)}/retry`, {}),
  page: (id: string, n: number) =>
    request<{ page: PageDetail }>('GET', `/api/v1/documents/${enc(id)}/pages/${n}`),
  imageUrl: (id: string, n: number) => `/api/v1/documents/${enc(id)}/pages/${n}/image`,
};

/** Uploads one PDF in the multipart field `file`, reporting progress as a 0–1 fraction. */
export function uploadDocument(
  slug: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<UploadDocumentsResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${p(slug)}/documents`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as UploadDocumentsResponse);
        return;
      }
      const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      reject(
        new ApiError(xhr.status, e?.code ?? `http_${xhr.status}`, e?.message ?? xhr.statusText, e?.details),
      );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The live dashboard. */
export const dashboardApi = {
  get: (slug: string) => request<{ dashboard: DashboardView }>('GET', `${p(slug)}/dashboard`),
  documentTasks: (slug: string, documentId: string) =>
    request<{ tasks: DocumentTaskState[] }>('GET', `${p(slug)}/dashboard/documents/${enc(documentId)}`),
};

/** The review queue. */
export const reviewsApi = {
  list: (slug: string) => request<{ items: ReviewItemView[] }>('GET', `${p(slug)}/reviews`),
  history: (slug: string) => request<{ decisions: ReviewDecision[] }>('GET', `${p(slug)}/reviews/history`),
  decide: (taskId: string, body: DecideBody) =>
    request<{ task: { id: string; status: string }; recordId: string | null }>(
      'POST',
      `/api/v1/reviews/${enc(taskId)}/decide`,
      body,
    ),
};

/** Canonical names. */
export const entitiesApi = {
  list: (slug: string) =>
    request<{ entities: (EntityView & { aliasCount: number })[] }>('GET', `${p(slug)}/entities`),
  history: (slug: string) => request<{ events: EntityEvent[] }>('GET', `${p(slug)}/entities/history`),
  merge: (slug: string, into: string, from: string[]) =>
    request<{ merged: number }>('POST', `${p(slug)}/entities/merge`, { into, from }),
  split: (slug: string, id: string, aliasIds: string[], name: string) =>
    request<{ entity: { id: string } }>('POST', `${p(slug)}/entities/${enc(id)}/split`, { aliasIds, name }),
  rename: (slug: string, id: string, name: string) =>
    request<{ entity: { id: string } }>('PATCH', `${p(slug)}/entities/${enc(id)}`, { name }),
};

/** Dataset releases. */
export const releasesApi = {
  list: (slug: string) => request<{ releases: Release[] }>('GET', `${p(slug)}/releases`),
  publish: (slug: string, body: { version: string; notes: string }) =>
    request<{ release: Release }>('POST', `${p(slug)}/releases`, body),
};

/** Organization members and invitations. */
export const membersApi = {
  members: (org: string) => request<{ members: Member[] }>('GET', `${o(org)}/members`),
  remove: (org: string, userId: string) => request<void>('DELETE', `${o(org)}/members/${enc(userId)}`),
  invitations: (org: string) => request<{ invitations: InvitationView[] }>('GET', `${o(org)}/invitations`),
  invite: (org: string, body: { email: string; role: 'owner' | 'editor' }) =>
    request<CreatedInvitation>('POST', `${o(org)}/invitations`, body),
  revoke: (org: string, id: string) => request<void>('DELETE', `${o(org)}/invitations/${enc(id)}`),
  preview: (token: string) =>
    request<{ invitation: InvitationPreview }>('GET', `/api/v1/invitations/${enc(token)}`),
  accept: (token: string) =>
    request<AcceptedInvitation>('POST', `/api/v1/invitations/${enc(token)}/accept`, {}),
};
