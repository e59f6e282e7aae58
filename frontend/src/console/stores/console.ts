import { computed, readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { CreateProjectBody, ProjectSummary, UpdateProjectBody } from '@cotejo/backend/contracts';
import { projectsApi, type Organization } from '../services/console';

/** The projects an editor manages and the organizations they belong to. */
export const useConsoleStore = defineStore('console', () => {
  const projects = ref<ProjectSummary[]>([]);
  const organizations = ref<Organization[]>([]);
  const loading = ref(false);
  const loaded = ref(false);

  const mine = computed(() => projects.value.filter((p) => p.canEdit));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [list, orgs] = await Promise.all([projectsApi.list(), projectsApi.organizations()]);
      projects.value = list.projects;
      organizations.value = orgs.organizations;
      loaded.value = true;
    } finally {
      loading.value = false;
    }
  }

  function put(project: ProjectSummary): ProjectSummary {
    const i = projects.value.findIndex((p) => p.slug === project.slug);
    if (i >= 0) projects.value.splice(i, 1, project);
    else projects.value.unshift(project);
    return project;
  }

  async function fetchOne(slug: string): Promise<ProjectSummary> {
    return put((await projectsApi.get(slug)).project);
  }

  async function create(body: CreateProjectBody): Promise<ProjectSummary> {
    return put((await projectsApi.create(body)).project);
  }

  async function update(slug: string, body: UpdateProjectBody): Promise<ProjectSummary> {
    return put((await projectsApi.update(slug, body)).project);
  }

  const bySlug = (slug: string) => projects.value.find((p) => p.slug === slug) ?? null;

  return {
    projects: readonly(projects),
    organizations: readonly(organizations),
    loading: readonly(loading),
    loaded: readonly(loaded),
    mine,
    load,
    fetchOne,
    create,
    update,
    bySlug,
  };
});
