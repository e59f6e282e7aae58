// The dataset page's state: project, summary, one page of records under the current filters and
// sort, the stack of cursors behind it (for "previous"), releases and chart aggregates.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  AggregateResult,
  ProjectStats,
  ProjectSummary,
  PublicRecord,
  Release,
} from '@cotejo/backend/contracts';
import { ApiError } from '../services/http';
import { dataColumns, type DataColumn } from './columns';
import { datasetService, type RecordParams } from './service';

export const PAGE_SIZE = 50;
export const DOWNLOAD_LIMIT = 500;

export type LoadState = 'idle' | 'loading' | 'ready' | 'error' | 'embargoed' | 'missing';

/** A view to start from (read from a shared link). */
export interface InitialView {
  pageSize?: number;
  filters?: Record<string, string>;
  q?: string;
  sort?: Sort | null;
}

export interface Sort {
  key: string;
  desc: boolean;
}

export const useDatasetStore = defineStore('dataset', () => {
  const slug = ref('');
  const state = ref<LoadState>('idle');
  const embargoUntil = ref<string | null>(null);
  const project = shallowRef<ProjectSummary | null>(null);
  const stats = shallowRef<ProjectStats | null>(null);
  const releases = shallowRef<Release[]>([]);
  const columns = shallowRef<DataColumn[]>([]);
  const records = shallowRef<PublicRecord[]>([]);
  const nextCursor = ref<string | null>(null);
  /** The cursor of each page shown so far (undefined for the first). */
  const cursors = ref<Array<string | undefined>>([undefined]);
  const pageLoading = ref(false);
  const pageError = ref<string | null>(null);
  const pageSize = ref(PAGE_SIZE);
  const sort = ref<Sort | null>(null);
  /** Applied filters as query parameters (`f.key`, `min.key`, `from.key`…). */
  const filters = ref<Record<string, string>>({});
  const q = ref('');
  const bySupplier = shallowRef<AggregateResult | null>(null);
  const byMonth = shallowRef<AggregateResult | null>(null);
  let requestSeq = 0;

  const page = computed(() => cursors.value.length);
  const hasPrevious = computed(() => cursors.value.length > 1);

  /** Filters, search and sort without the cursor: the current view. */
  const viewParams = computed<RecordParams>(() => {
    const p: RecordParams = { ...filters.value };
    if (q.value.trim()) p.q = q.value.trim();
    if (sort.value) p.sort = `${sort.value.desc ? '-' : ''}${sort.value.key}`;
    return p;
  });

  const moneyColumn = computed(() => columns.value.find((c) => c.kind === 'money') ?? null);
  const dateColumn = computed(() => columns.value.find((c) => c.kind === 'date') ?? null);
  const groupColumn = computed(
    () =>
      columns.value.find((c) => c.kind === 'text' && /proveedor|supplier|vendor/i.test(c.key)) ??
      columns.value.find((c) => c.kind === 'text') ??
      null,
  );

  function fail(error: unknown): void {
    if (error instanceof ApiError && error.code === 'embargoed') {
      const until = (error.details as { until?: unknown } | null)?.until;
      embargoUntil.value = typeof until === 'string' ? until : null;
      state.value = 'embargoed';
    } else if (error instanceof ApiError && error.status === 404) {
      state.value = 'missing';
    } else {
      state.value = 'error';
    }
  }

  async function loadPage(): Promise<void> {
    const seq = ++requestSeq;
    pageLoading.value = true;
    pageError.value = null;
    const cursor = cursors.value[cursors.value.length - 1];
    const params: RecordParams = { ...viewParams.value, limit: String(pageSize.value) };
    if (cursor) params.cursor = cursor;
    try {
      const res = await datasetService.records(slug.value, params);
      if (seq !== requestSeq) return;
      records.value = res.records;
      nextCursor.value = res.nextCursor;
      if (!columns.value.length) columns.value = dataColumns(res.columns);
    } catch (error) {
      if (seq !== requestSeq) return;
      if (error instanceof ApiError && (error.code === 'embargoed' || error.status === 404)) fail(error);
      pageError.value = error instanceof ApiError ? error.message : String(error);
    } finally {
      if (seq === requestSeq) pageLoading.value = false;
    }
  }

  async function loadCharts(): Promise<void> {
    const sum = moneyColumn.value?.key;
    if (!sum) return;
    const group = groupColumn.value?.key;
    const date = dateColumn.value?.key;
    const [a, b] = await Promise.allSettled([
      group ? datasetService.aggregate(slug.value, group, sum) : Promise.resolve(null),
      date ? datasetService.aggregate(slug.value, `month(${date})`, sum) : Promise.resolve(null),
    ]);
    bySupplier.value = a.status === 'fulfilled' ? a.value : null;
    byMonth.value = b.status === 'fulfilled' ? b.value : null;
  }

  /** Loads everything for a project (the first page, summary, releases, charts). */
  async function open(newSlug: string, initial: InitialView = {}): Promise<void> {
    slug.value = newSlug;
    const size = initial.pageSize ?? PAGE_SIZE;
    pageSize.value = Math.min(DOWNLOAD_LIMIT, Math.max(1, Math.floor(size) || PAGE_SIZE));
    state.value = 'loading';
    embargoUntil.value = null;
    columns.value = [];
    records.value = [];
    cursors.value = [undefined];
    filters.value = { ...initial.filters };
    q.value = initial.q ?? '';
    sort.value = initial.sort ?? null;
    bySupplier.value = null;
    byMonth.value = null;
    try {
      const [p, s, r] = await Promise.all([
        datasetService.project(newSlug),
        datasetService.stats(newSlug),
        datasetService.releases(newSlug).catch(() => ({ releases: [] as Release[] })),
        loadPage(),
      ]);
      if (state.value !== 'loading') return;
      project.value = p.project;
      stats.value = s.stats;
      releases.value = r.releases;
      state.value = 'ready';
      void loadCharts();
    } catch (error) {
      fail(error);
    }
  }

  function restart(): Promise<void> {
    cursors.value = [undefined];
    return loadPage();
  }

  function setSort(key: string): Promise<void> {
    const current = sort.value;
    if (!current || current.key !== key) sort.value = { key, desc: false };
    else if (!current.desc) sort.value = { key, desc: true };
    else sort.value = null;
    return restart();
  }

  function applyFilters(next: Record<string, string>, search: string): Promise<void> {
    filters.value = next;
    q.value = search;
    return restart();
  }

  function setPageSize(size: number): Promise<void> {
    pageSize.value = size;
    return restart();
  }

  function nextPage(): Promise<void> {
    if (!nextCursor.value) return Promise.resolve();
    cursors.value = [...cursors.value, nextCursor.value];
    return loadPage();
  }

  function previousPage(): Promise<void> {
    if (cursors.value.length < 2) return Promise.resolve();
    cursors.value = cursors.value.slice(0, -1);
    return loadPage();
  }

  return {
    slug,
    state,
    embargoUntil,
    project,
    stats,
    releases,
    columns,
    records,
    nextCursor,
    page,
    hasPrevious,
    pageLoading,
    pageError,
    pageSize,
    setPageSize,
    sort,
    filters,
    q,
    viewParams,
    moneyColumn,
    dateColumn,
    groupColumn,
    bySupplier,
    byMonth,
    open,
    setSort,
    applyFilters,
    nextPage,
    previousPage,
  };
});
