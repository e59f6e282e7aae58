import { computed, readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { DecideBody, ReviewItemView } from '@cotejo/backend/contracts';
import { ApiError } from '../../services/http';
import { reviewsApi, type ReviewDecision } from '../services/console';

const keyOf = (i: ReviewItemView) => `${i.taskId}|${i.fieldPath ?? ''}|${i.kind}|${i.reason}`;

/** The review queue of one project, the item in focus, and the decision history. */
export const useReviewStore = defineStore('console-review', () => {
  const slug = ref<string | null>(null);
  const items = ref<ReviewItemView[]>([]);
  const history = ref<ReviewDecision[]>([]);
  const currentKey = ref<string | null>(null);
  const loading = ref(false);
  const sending = ref(false);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  const current = computed(
    () => items.value.find((i) => keyOf(i) === currentKey.value) ?? items.value[0] ?? null,
  );
  const currentIndex = computed(() => (current.value ? items.value.indexOf(current.value) : -1));

  async function load(projectSlug: string): Promise<void> {
    if (slug.value !== projectSlug) {
      items.value = [];
      history.value = [];
      currentKey.value = null;
    }
    slug.value = projectSlug;
    loading.value = true;
    try {
      const [queue, past] = await Promise.all([
        reviewsApi.list(projectSlug),
        reviewsApi.history(projectSlug),
      ]);
      items.value = queue.items;
      history.value = past.decisions;
      error.value = null;
    } catch (e) {
      error.value = e instanceof ApiError ? e.code : 'network_error';
    } finally {
      loading.value = false;
    }
  }

  async function refresh(): Promise<void> {
    if (slug.value) await load(slug.value);
  }

  function scheduleRefresh(projectSlug: string): void {
    if (projectSlug !== slug.value || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, 800);
  }

  function select(index: number): void {
    const item = items.value[Math.max(0, Math.min(items.value.length - 1, index))];
    currentKey.value = item ? keyOf(item) : null;
  }

  /** Sends a decision on the current item and moves on to the next one. */
  async function decide(body: DecideBody): Promise<void> {
    const item = current.value;
    if (!item) return;
    sending.value = true;
    try {
      await reviewsApi.decide(item.taskId, body);
      const index = currentIndex.value;
      await refresh();
      select(index);
    } finally {
      sending.value = false;
    }
  }

  return {
    items: readonly(items),
    history: readonly(history),
    current,
    currentIndex,
    loading: readonly(loading),
    sending: readonly(sending),
    error: readonly(error),
    load,
    refresh,
    scheduleRefresh,
    select,
    decide,
  };
});
