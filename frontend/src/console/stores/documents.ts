import { computed, readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { DocumentProgressEvent, DocumentStatus, DocumentSummary } from '@cotejo/backend/contracts';
import { ApiError } from '../../services/http';
import { documentsApi, uploadDocument } from '../services/console';

export interface UploadItem {
  id: number;
  name: string;
  bytes: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error: string | null;
  documentId: string | null;
}

let nextUploadId = 1;

/** Documents of the project on screen: list, filter, uploads in flight, live pipeline progress. */
export const useDocumentsStore = defineStore('console-documents', () => {
  const slug = ref<string | null>(null);
  const filter = ref<DocumentStatus | null>(null);
  const list = ref<DocumentSummary[]>([]);
  const uploads = ref<UploadItem[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const visible = computed(() =>
    filter.value ? list.value.filter((d) => d.status === filter.value) : list.value,
  );
  const documentRooms = computed(() =>
    list.value.filter((d) => d.status === 'uploaded' || d.status === 'processing').map((d) => d.id),
  );

  async function load(projectSlug: string, status: DocumentStatus | null = filter.value): Promise<void> {
    if (slug.value !== projectSlug) list.value = [];
    slug.value = projectSlug;
    filter.value = status;
    loading.value = true;
    error.value = null;
    try {
      list.value = (await documentsApi.list(projectSlug, status ?? undefined)).documents;
    } catch (e) {
      error.value = e instanceof ApiError ? e.code : 'network_error';
    } finally {
      loading.value = false;
    }
  }

  async function refresh(): Promise<void> {
    if (slug.value) await load(slug.value);
  }

  function upsert(doc: DocumentSummary): void {
    const i = list.value.findIndex((d) => d.id === doc.id);
    if (i >= 0) list.value.splice(i, 1, doc);
    else if (!filter.value || filter.value === doc.status) list.value.unshift(doc);
  }

  /** Applies a `document.progress` notice to the row it names. */
  function applyProgress(e: DocumentProgressEvent): void {
    if (e.projectSlug !== slug.value) return;
    const doc = list.value.find((d) => d.id === e.documentId);
    if (!doc) {
      void refresh();
      return;
    }
    Object.assign(doc, {
      status: e.status,
      stage: e.stage,
      pagesDone: e.pagesDone,
      pageCount: e.pageCount,
      error: e.error,
    });
  }

  /** Uploads files one after another, each with its own progress bar. */
  async function upload(projectSlug: string, files: File[]): Promise<void> {
    const items = files.map((f): UploadItem => ({
      id: nextUploadId++,
      name: f.name,
      bytes: f.size,
      progress: 0,
      state: 'uploading',
      error: null,
      documentId: null,
    }));
    uploads.value.unshift(...items);
    for (const [i, file] of files.entries()) {
      const item = uploads.value.find((u) => u.id === items[i]!.id)!;
      try {
        const result = await uploadDocument(projectSlug, file, (f) => (item.progress = f));
        const doc = result.documents[0];
        item.state = doc ? 'done' : 'failed';
        item.documentId = doc?.id ?? null;
        item.error = result.rejected[0]?.error.code ?? null;
        if (doc && slug.value === projectSlug) upsert(doc);
      } catch (e) {
        item.state = 'failed';
        item.error = e instanceof ApiError ? e.code : 'network_error';
      }
    }
  }

  async function retry(id: string): Promise<void> {
    const { document } = await documentsApi.retry(id);
    upsert(document);
  }

  function clearFinishedUploads(): void {
    uploads.value = uploads.value.filter((u) => u.state === 'uploading');
  }

  return {
    slug: readonly(slug),
    filter: readonly(filter),
    list: readonly(list),
    visible,
    documentRooms,
    uploads: readonly(uploads),
    loading: readonly(loading),
    error: readonly(error),
    load,
    refresh,
    applyProgress,
    upload,
    retry,
    clearFinishedUploads,
  };
});
