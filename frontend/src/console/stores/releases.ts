import { readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { Release } from '@cotejo/backend/contracts';
import { releasesApi } from '../services/console';

/** Published releases of one project, newest first. */
export const useReleasesStore = defineStore('console-releases', () => {
  const list = ref<Release[]>([]);
  const loading = ref(false);
  const publishing = ref(false);

  async function load(slug: string): Promise<void> {
    loading.value = true;
    try {
      list.value = (await releasesApi.list(slug)).releases;
    } finally {
      loading.value = false;
    }
  }

  async function publish(slug: string, version: string, notes: string): Promise<Release> {
    publishing.value = true;
    try {
      const { release } = await releasesApi.publish(slug, { version, notes });
      list.value = [release, ...list.value.filter((r) => r.version !== release.version)];
      return release;
    } finally {
      publishing.value = false;
    }
  }

  return {
    list: readonly(list),
    loading: readonly(loading),
    publishing: readonly(publishing),
    load,
    publish,
  };
});
