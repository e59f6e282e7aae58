import { readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { DashboardView } from '@cotejo/backend/contracts';
import { ApiError } from '../../services/http';
import { dashboardApi } from '../services/console';

const REFRESH_DELAY_MS = 1500;
const POLL_MS = 30_000;

/** The live dashboard of one project, refetched (throttled) when a realtime notice arrives. */
export const useDashboardStore = defineStore('console-dashboard', () => {
  const slug = ref<string | null>(null);
  const view = ref<DashboardView | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;

  async function load(projectSlug: string): Promise<void> {
    if (slug.value !== projectSlug) view.value = null;
    slug.value = projectSlug;
    loading.value = true;
    try {
      view.value = (await dashboardApi.get(projectSlug)).dashboard;
      error.value = null;
    } catch (e) {
      error.value = e instanceof ApiError ? e.code : 'network_error';
    } finally {
      loading.value = false;
    }
  }

  /** Starts the once-a-minute-ish refresh that keeps "per minute" and "people now" moving. */
  function watchLive(projectSlug: string): void {
    stopLive();
    void load(projectSlug);
    poll = setInterval(() => void load(projectSlug), POLL_MS);
  }

  function stopLive(): void {
    if (poll) clearInterval(poll);
    poll = null;
    slug.value = null;
  }

  /** Coalesces bursts of notices into one refetch. */
  function scheduleRefresh(projectSlug?: string): void {
    if (!slug.value || (projectSlug && projectSlug !== slug.value) || timer) return;
    const target = slug.value;
    timer = setTimeout(() => {
      timer = null;
      if (slug.value === target) void load(target);
    }, REFRESH_DELAY_MS);
  }

  function applyQueueSize(projectSlug: string, size: number): void {
    if (view.value && view.value.projectSlug === projectSlug) view.value.reviewQueueSize = size;
    scheduleRefresh(projectSlug);
  }

  return {
    view: readonly(view),
    loading: readonly(loading),
    error: readonly(error),
    load,
    watchLive,
    stopLive,
    scheduleRefresh,
    applyQueueSize,
  };
});
