import { computed, readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { EntityView } from '@cotejo/backend/contracts';
import { entitiesApi, type EntityEvent } from '../services/console';
import { likelyDuplicates } from '../lib/duplicates';

type EntityRow = EntityView & { aliasCount: number };

/** Canonical names of one project with their curation history and likely duplicates. */
export const useEntitiesStore = defineStore('console-entities', () => {
  const slug = ref<string | null>(null);
  const list = ref<EntityRow[]>([]);
  const history = ref<EntityEvent[]>([]);
  const loading = ref(false);
  const busy = ref(false);

  const duplicates = computed(() => likelyDuplicates(list.value));

  async function load(projectSlug: string): Promise<void> {
    slug.value = projectSlug;
    loading.value = true;
    try {
      const [entities, events] = await Promise.all([
        entitiesApi.list(projectSlug),
        entitiesApi.history(projectSlug),
      ]);
      list.value = entities.entities;
      history.value = events.events;
    } finally {
      loading.value = false;
    }
  }

  async function act(work: (slug: string) => Promise<unknown>): Promise<void> {
    if (!slug.value) return;
    busy.value = true;
    try {
      await work(slug.value);
      await load(slug.value);
    } finally {
      busy.value = false;
    }
  }

  return {
    list: readonly(list),
    history: readonly(history),
    duplicates,
    loading: readonly(loading),
    busy: readonly(busy),
    load,
    merge: (into: string, from: string[]) => act((s) => entitiesApi.merge(s, into, from)),
    split: (id: string, aliasIds: string[], name: string) =>
      act((s) => entitiesApi.split(s, id, aliasIds, name)),
    rename: (id: string, name: string) => act((s) => entitiesApi.rename(s, id, name)),
  };
});
