import { computed, readonly, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { Field } from '@cotejo/backend/contracts';
import { ApiError } from '../services/http';
import {
  tasksService,
  type FieldValue,
  type GoldFeedback,
  type Marker,
  type PageWords,
  type Task,
  type TableRowValue,
  type ValueSource,
} from '../services/tasks';
import { projectsService } from '../services/projects';
import { askedFields, checkField, compactRows, emptyValue, type FieldProblem } from '../fields/rules';
import { defaultDraftStorage, draftBox, type DraftStorage } from './drafts';

let draftStorage: DraftStorage = defaultDraftStorage();

/** Lets tests (and private browsing fallbacks) swap the draft storage. */
export function useDraftStorage(storage: DraftStorage): void {
  draftStorage = storage;
}

export type TaskState = 'idle' | 'loading' | 'ready' | 'no_task' | 'error';

/** The task in hand: values typed so far, markers, sources, validation and the prefetched next task. */
export const useTranscriptionStore = defineStore('transcription', () => {
  const projectSlug = ref<string | null>(null);
  const documentLocale = ref('es-AR');
  const task = shallowRef<Task | null>(null);
  const nextTask = shallowRef<Task | null>(null);
  const state = ref<TaskState>('idle');
  const values = ref<Record<string, FieldValue>>({});
  const markers = ref<Record<string, Marker>>({});
  const sources = ref<Record<string, ValueSource>>({});
  const serverErrors = ref<Record<string, FieldProblem>>({});
  const showErrors = ref(false);
  const submitting = ref(false);
  const skipping = ref(false);
  const error = ref<ApiError | null>(null);
  const feedback = ref<GoldFeedback | null>(null);
  const submittedTaskIds = ref<string[]>([]);
  const completedCount = ref(0);
  const words = ref<Record<string, PageWords>>({});
  const draftRestored = ref(false);
  let startedAt = Date.now();
  let secondsBefore = 0;

  const box = () => draftBox(draftStorage);

  const fields = computed<Field[]>(() => {
    const t = task.value;
    return t ? askedFields(t.schema, t.fields) : [];
  });
  const isPartial = computed(() => {
    const t = task.value;
    if (!t) return false;
    const keys = t.schema.fields.map((f) => f.key);
    return t.fields.length > 0 && (t.fields.length < keys.length || t.fields.some((p) => !keys.includes(p)));
  });

  const clientProblems = computed<Record<string, FieldProblem>>(() => {
    const out: Record<string, FieldProblem> = {};
    for (const field of fields.value) {
      if (markers.value[field.key]) continue;
      Object.assign(out, checkField(field, values.value[field.key], documentLocale.value));
    }
    return out;
  });
  /** Client problems win; server problems stay until the field is edited. */
  const problems = computed(() => ({ ...serverErrors.value, ...clientProblems.value }));
  const canSubmit = computed(() => Object.keys(clientProblems.value).length === 0 && !submitting.value);

  function seconds(): number {
    return secondsBefore + Math.round((Date.now() - startedAt) / 1000);
  }

  function saveDraft(): void {
    if (!task.value) return;
    box().save({
      taskId: task.value.id,
      values: values.value,
      markers: markers.value,
      sources: sources.value,
      secondsSpent: seconds(),
      savedAt: new Date().toISOString(),
    });
  }

  function adopt(next: Task): void {
    task.value = next;
    const draft = box().load(next.id);
    const blank: Record<string, FieldValue> = {};
    for (const f of askedFields(next.schema, next.fields)) blank[f.key] = emptyValue(f);
    values.value = { ...blank, ...(draft?.values ?? {}) };
    markers.value = { ...(draft?.markers ?? {}) };
    sources.value = { ...(draft?.sources ?? {}) };
    secondsBefore = draft?.secondsSpent ?? 0;
    draftRestored.value = draft !== null;
    startedAt = Date.now();
    serverErrors.value = {};
    showErrors.value = false;
    feedback.value = null;
    error.value = null;
    state.value = 'ready';
  }

  async function lease(slug: string): Promise<Task | null> {
    try {
      return (await tasksService.next(slug)).task;
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'no_task_available' || e.status === 404)) return null;
      throw e;
    }
  }

  /** Prefetches the following task so the next one shows at once after submit or skip. */
  async function prefetch(): Promise<void> {
    const slug = projectSlug.value;
    if (!slug || nextTask.value) return;
    try {
      const t = await lease(slug);
      // The server may hand back the lease we already hold; that is no prefetch.
      if (t && t.id !== task.value?.id && slug === projectSlug.value) nextTask.value = t;
    } catch {
      // Prefetch is best effort; the regular path fetches again.
    }
  }

  /** Opens the transcription of a project: the prefetched task if any, else a new lease. */
  async function start(slug: string, locale?: string): Promise<void> {
    if (projectSlug.value !== slug) {
      nextTask.value = null;
      task.value = null;
    }
    projectSlug.value = slug;
    if (locale) documentLocale.value = locale;
    if (task.value && state.value === 'ready') return;
    await advance();
  }

  /** How the project's documents write numbers and dates (e.g. es-AR). */
  function setDocumentLocale(locale: string): void {
    documentLocale.value = locale;
  }

  async function advance(): Promise<void> {
    const slug = projectSlug.value;
    if (!slug) return;
    const ready = nextTask.value;
    nextTask.value = null;
    if (ready) {
      adopt(ready);
      void prefetch();
      return;
    }
    state.value = 'loading';
    error.value = null;
    try {
      const t = await lease(slug);
      if (t) {
        adopt(t);
        void prefetch();
      } else {
        task.value = null;
        state.value = 'no_task';
      }
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e));
      state.value = 'error';
    }
  }

  function touch(path: string, source: ValueSource): void {
    sources.value = { ...sources.value, [path]: source };
    if (serverErrors.value[path]) {
      const { [path]: _gone, ...rest } = serverErrors.value;
      serverErrors.value = rest;
    }
  }

  function setValue(key: string, value: FieldValue, source: ValueSource = 'typed'): void {
    values.value = { ...values.value, [key]: value };
    if (markers.value[key]) setMarker(key, null);
    touch(key, source);
    saveDraft();
  }

  function setCell(
    key: string,
    row: number,
    column: string,
    value: string,
    source: ValueSource = 'typed',
  ): void {
    const rows = [...((values.value[key] as TableRowValue[] | undefined) ?? [])];
    rows[row] = { ...(rows[row] ?? {}), [column]: value };
    values.value = { ...values.value, [key]: rows };
    touch(`${key}[${row}].${column}`, source);
    saveDraft();
  }

  function setRows(key: string, rows: TableRowValue[]): void {
    values.value = { ...values.value, [key]: rows };
    saveDraft();
  }

  function setMarker(path: string, marker: Marker | null): void {
    const { [path]: _old, ...rest } = markers.value;
    markers.value = marker ? { ...rest, [path]: marker } : rest;
    saveDraft();
  }

  function submissionValues(): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const field of fields.value) {
      if (markers.value[field.key]) continue;
      const v = values.value[field.key];
      if (field.type === 'table') {
        const rows = compactRows(Array.isArray(v) ? v : []);
        if (rows.length) out[field.key] = rows;
      } else if (field.type === 'boolean') {
        if (v === 'true' || v === true) out[field.key] = true;
        else if (v === 'false' || v === false) out[field.key] = false;
      } else if (typeof v === 'string' && v.trim() !== '') out[field.key] = v.trim();
    }
    return out;
  }

  /** Sends the transcription; returns true when accepted. Gold tasks wait for `continueAfterFeedback`. */
  async function submit(): Promise<boolean> {
    const t = task.value;
    if (!t || submitting.value) return false;
    showErrors.value = true;
    if (Object.keys(clientProblems.value).length > 0) return false;
    submitting.value = true;
    error.value = null;
    try {
      const result = await tasksService.submit(t.id, {
        clientSubmissionId: crypto.randomUUID(),
        values: submissionValues(),
        markers: markers.value,
        sources: Object.fromEntries(Object.entries(sources.value).filter(([p]) => !markers.value[p])),
        secondsSpent: seconds(),
      });
      box().remove(t.id);
      submittedTaskIds.value = [...submittedTaskIds.value, t.id].slice(-200);
      completedCount.value += 1;
      if (result.feedback && Object.keys(result.feedback).length > 0) {
        feedback.value = result.feedback;
        return true;
      }
      await advance();
      return true;
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e));
      if (apiError.code === 'validation_failed') {
        serverErrors.value = Object.fromEntries(
          apiError.fieldErrors.map((fe) => [fe.path, { code: fe.code, params: { message: fe.message } }]),
        );
      }
      error.value = apiError;
      return false;
    } finally {
      submitting.value = false;
    }
  }

  async function continueAfterFeedback(): Promise<void> {
    feedback.value = null;
    await advance();
  }

  async function skip(): Promise<void> {
    const t = task.value;
    if (!t || skipping.value) return;
    skipping.value = true;
    try {
      await tasksService.skip(t.id).catch(() => undefined);
      box().remove(t.id);
      await advance();
    } finally {
      skipping.value = false;
    }
  }

  async function loadWords(url: string): Promise<PageWords | null> {
    if (words.value[url]) return words.value[url];
    try {
      const result = await tasksService.words(url);
      words.value = { ...words.value, [url]: result };
      return result;
    } catch {
      return null;
    }
  }

  /** Canonical names for an entity field, as the volunteer types. */
  async function suggestEntities(kind: string, q: string): Promise<{ id: string; name: string }[]> {
    const slug = projectSlug.value;
    if (!slug) return [];
    return (await projectsService.suggestEntities(slug, kind, q)).suggestions;
  }

  function didWorkOn(taskId: string): boolean {
    return submittedTaskIds.value.includes(taskId);
  }

  /** Forgets everything when the person changes (log out). */
  function reset(): void {
    projectSlug.value = null;
    task.value = null;
    nextTask.value = null;
    state.value = 'idle';
    values.value = {};
    markers.value = {};
    sources.value = {};
  }

  return {
    projectSlug: readonly(projectSlug),
    documentLocale: readonly(documentLocale),
    task: computed(() => task.value),
    nextTask: computed(() => nextTask.value),
    state: readonly(state),
    values: computed(() => values.value),
    markers: readonly(markers),
    sources: readonly(sources),
    showErrors: readonly(showErrors),
    submitting: readonly(submitting),
    skipping: readonly(skipping),
    error: readonly(error),
    feedback: readonly(feedback),
    completedCount: readonly(completedCount),
    words: computed(() => words.value),
    draftRestored: readonly(draftRestored),
    fields,
    isPartial,
    problems,
    canSubmit,
    start,
    setDocumentLocale,
    advance,
    prefetch,
    setValue,
    setCell,
    setRows,
    setMarker,
    submit,
    skip,
    continueAfterFeedback,
    loadWords,
    didWorkOn,
    suggestEntities,
    saveDraft,
    reset,
  };
});
