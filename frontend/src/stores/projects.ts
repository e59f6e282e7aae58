import { computed, readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { ProjectProgressEvent, ProjectSummary, RecordVerifiedEvent } from '@cotejo/backend/contracts';
import { projectsService, type Leaderboard, type VerifiedRecord } from '../services/projects';

const FEED_LIMIT = 10;

/** Projects with live progress, presence counts, leaderboards and the feed of verified records. */
export const useProjectsStore = defineStore('projects', () => {
  const bySlug = ref<Record<string, ProjectSummary>>({});
  const order = ref<string[]>([]);
  const presence = ref<Record<string, number>>({});
  const leaderboards = ref<Record<string, Leaderboard>>({});
  const feeds = ref<Record<string, VerifiedRecord[]>>({});
  const loadingList = ref(false);
  const loadingProject = ref(false);
  const listError = ref<unknown>(null);

  const projects = computed(() =>
    order.value.map((slug) => bySlug.value[slug]).filter((p): p is ProjectSummary => p !== undefined),
  );
  const liveProjects = computed(() => projects.value.filter((p) => p.status === 'live'));

  async function fetchAll(): Promise<void> {
    loadingList.value = true;
    listError.value = null;
    try {
      const { projects: list } = await projectsService.list();
      const next: Record<string, ProjectSummary> = {};
      for (const p of list) next[p.slug] = p;
      bySlug.value = next;
      order.value = list.map((p) => p.slug);
    } catch (error) {
      listError.value = error;
      throw error;
    } finally {
      loadingList.value = false;
    }
  }

  async function fetchOne(slug: string): Promise<ProjectSummary> {
    loadingProject.value = true;
    try {
      const { project } = await projectsService.get(slug);
      bySlug.value = { ...bySlug.value, [slug]: project };
      if (!order.value.includes(slug)) order.value = [...order.value, slug];
      return project;
    } finally {
      loadingProject.value = false;
    }
  }

  async function fetchLeaderboard(slug: string): Promise<void> {
    const board = await projectsService.leaderboard(slug);
    leaderboards.value = { ...leaderboards.value, [slug]: board };
  }

  async function fetchFeed(slug: string): Promise<void> {
    const { records } = await projectsService.latestRecords(slug, FEED_LIMIT);
    feeds.value = { ...feeds.value, [slug]: records };
  }

  function applyProgress(event: ProjectProgressEvent): void {
    const current = bySlug.value[event.projectSlug];
    if (!current) return;
    const { projectSlug: _slug, ...progress } = event;
    bySlug.value = { ...bySlug.value, [event.projectSlug]: { ...current, progress } };
  }

  function applyPresence(room: string, count: number): void {
    presence.value = { ...presence.value, [room]: count };
  }

  function applyRecordVerified(event: RecordVerifiedEvent): void {
    const feed = feeds.value[event.projectSlug] ?? [];
    if (feed.some((r) => r.id === event.recordId)) return;
    const record: VerifiedRecord = {
      id: event.recordId,
      documentId: event.documentId,
      taskId: event.taskId,
      summary: event.summary,
      verifiedAt: new Date().toISOString(),
    };
    feeds.value = { ...feeds.value, [event.projectSlug]: [record, ...feed].slice(0, FEED_LIMIT) };
  }

  return {
    projects,
    liveProjects,
    bySlug: readonly(bySlug),
    presence: readonly(presence),
    leaderboards: readonly(leaderboards),
    feeds: readonly(feeds),
    loadingList: readonly(loadingList),
    loadingProject: readonly(loadingProject),
    listError: readonly(listError),
    fetchAll,
    fetchOne,
    fetchLeaderboard,
    fetchFeed,
    applyProgress,
    applyPresence,
    applyRecordVerified,
  };
});
