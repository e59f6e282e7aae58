import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import type { ProjectSummary } from '@cotejo/backend/contracts';
import { useProjectsStore } from './projects';
import { projectsService } from '../services/projects';

const project = (slug: string, status: ProjectSummary['status'] = 'live'): ProjectSummary => ({
  id: `id-${slug}`,
  slug,
  title: `Project ${slug}`,
  description: 'Why it matters',
  language: 'es',
  locale: 'es-AR',
  status,
  embargoUntil: null,
  agreeK: 2,
  maxTranscriptions: 5,
  taskGranularity: 'document',
  ocrLanguages: 'spa',
  organization: { slug: 'org', name: 'Org' },
  progress: {
    documents: 2,
    documentsReady: 2,
    tasksTotal: 10,
    tasksComplete: 1,
    recordsVerified: 1,
    transcriptions: 3,
  },
  canEdit: false,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('projects store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    jest.restoreAllMocks();
  });

  it('lists projects in server order and keeps only live ones in liveProjects', async () => {
    jest
      .spyOn(projectsService, 'list')
      .mockResolvedValue({ projects: [project('b'), project('a', 'draft')] });
    const store = useProjectsStore();
    await store.fetchAll();
    expect(store.projects.map((p) => p.slug)).toEqual(['b', 'a']);
    expect(store.liveProjects.map((p) => p.slug)).toEqual(['b']);
    expect(store.loadingList).toBe(false);
  });

  it('records a failed listing and clears the loading flag', async () => {
    jest.spyOn(projectsService, 'list').mockRejectedValue(new Error('down'));
    const store = useProjectsStore();
    await expect(store.fetchAll()).rejects.toThrow('down');
    expect(store.listError).toBeInstanceOf(Error);
    expect(store.loadingList).toBe(false);
  });

  it('applies live progress and presence events', async () => {
    jest.spyOn(projectsService, 'get').mockResolvedValue({ project: project('demo') });
    const store = useProjectsStore();
    await store.fetchOne('demo');
    store.applyProgress({
      projectSlug: 'demo',
      documents: 2,
      documentsReady: 2,
      tasksTotal: 10,
      tasksComplete: 4,
      recordsVerified: 3,
      transcriptions: 9,
    });
    store.applyPresence('project:demo', 5);
    expect(store.bySlug.demo?.progress.tasksComplete).toBe(4);
    expect(store.bySlug.demo?.progress).not.toHaveProperty('projectSlug');
    expect(store.presence['project:demo']).toBe(5);
  });

  it('ignores progress for projects it does not show', () => {
    const store = useProjectsStore();
    store.applyProgress({
      projectSlug: 'unknown',
      documents: 0,
      documentsReady: 0,
      tasksTotal: 0,
      tasksComplete: 0,
      recordsVerified: 0,
      transcriptions: 0,
    });
    expect(store.projects).toEqual([]);
  });

  it('puts newly verified records first, once, and keeps the feed short', () => {
    const store = useProjectsStore();
    for (let i = 0; i < 12; i++) {
      store.applyRecordVerified({
        projectSlug: 'demo',
        recordId: `r${i}`,
        taskId: 't',
        documentId: 'd',
        summary: {},
      });
    }
    store.applyRecordVerified({
      projectSlug: 'demo',
      recordId: 'r11',
      taskId: 't',
      documentId: 'd',
      summary: {},
    });
    const feed = store.feeds.demo ?? [];
    expect(feed).toHaveLength(10);
    expect(feed[0]?.id).toBe('r11');
  });
});
