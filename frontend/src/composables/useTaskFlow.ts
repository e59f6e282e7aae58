// The transcription screen's task flow: lease a task on open, reset the page and the focus when
// a new task arrives, warm the cache with the next task's page, send (or go on after gold
// feedback), and keep the draft when leaving.
import { nextTick, onBeforeUnmount, onMounted, ref, watch, type ComputedRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useTranscriptionStore } from '../stores/transcription';
import { useProjectsStore } from '../stores/projects';
import { useSessionStore } from '../stores/session';

/** Opens and runs the task flow for project `slug`; `formRoot` is the form that takes the focus. */
export function useTaskFlow(slug: () => string, formRoot: Ref<HTMLElement | null>) {
  const { t } = useI18n();
  const store = useTranscriptionStore();
  const projects = useProjectsStore();
  const session = useSessionStore();
  const pageIndex = ref(0);
  const focusedPath = ref<string | null>(null);
  const announcement = ref('');

  // The lease does not wait for the project: its locale (how amounts and dates are read) only
  // matters for validation and arrives in parallel.
  async function open(): Promise<void> {
    const project = projects.bySlug[slug()];
    const locale = project
      ? Promise.resolve(project.locale)
      : projects.fetchOne(slug()).then(
          (p) => p.locale,
          () => 'es-AR',
        );
    void locale.then((l) => store.setDocumentLocale(l));
    await session.ensureSession().catch(() => undefined);
    await store.start(slug(), projects.bySlug[slug()]?.locale);
  }

  function focusFirstField(): void {
    void nextTick(() => {
      const first = formRoot.value?.querySelector<HTMLElement>('[data-field-input]');
      first?.focus({ preventScroll: true });
    });
  }

  async function submit(): Promise<void> {
    if (store.feedback) {
      await store.continueAfterFeedback();
      return;
    }
    const ok = await store.submit();
    if (!ok) {
      void nextTick(() => formRoot.value?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  watch(
    () => store.task?.id,
    (id, before) => {
      const pages = store.task?.pages ?? [];
      pageIndex.value = Math.max(
        0,
        pages.findIndex((p) => p.number === store.task?.pageNumber),
      );
      focusedPath.value = null;
      if (id && before) announcement.value = t('transcribe.thanks');
      if (id) focusFirstField();
    },
  );

  // Warm the browser cache with the next task's page so it shows at once.
  watch(
    () => store.nextTask,
    (next) => {
      const first = next?.pages[0];
      if (first) new Image().src = first.imageUrl;
    },
  );

  onMounted(() => {
    void open().then(() => {
      if (store.state === 'ready') focusFirstField();
    });
  });
  onBeforeUnmount(() => store.saveDraft());
  watch(slug, open);

  return { pageIndex, focusedPath, announcement, submit };
}

/** Loads the OCR words of the page shown while the word layer is on. */
export function useWordsLoading(
  showWords: Ref<boolean>,
  currentPage: ComputedRef<{ wordsUrl: string } | undefined>,
): void {
  const store = useTranscriptionStore();
  watch([showWords, currentPage], ([show, page]) => {
    if (show && page) void store.loadWords(page.wordsUrl);
  });
}
