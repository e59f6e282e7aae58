// Window-wide keys on the transcription screen: Ctrl/Cmd+Enter sends; Alt+… drives the viewer,
// the word layer and skipping (so they work while typing in a field).
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { useTranscriptionStore } from '../stores/transcription';

/** What the page viewer exposes to its parent (see PageViewer's defineExpose). */
export interface ViewerApi {
  zoomIn(): void;
  zoomOut(): void;
  fitWidth(): void;
  rotate(): void;
  goTo(index: number): void;
}

/** Listens on the window while the screen is mounted. */
export function useTranscribeShortcuts(options: {
  viewer: Ref<ViewerApi | null>;
  pageIndex: Ref<number>;
  showWords: Ref<boolean>;
  submit: () => Promise<void>;
}): void {
  const store = useTranscriptionStore();
  const { viewer, pageIndex, showWords } = options;

  function onGlobalKey(event: KeyboardEvent): void {
    if (store.state !== 'ready') return;
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void options.submit();
      return;
    }
    if (!event.altKey) return;
    const actions: Record<string, () => void> = {
      Equal: () => viewer.value?.zoomIn(),
      NumpadAdd: () => viewer.value?.zoomIn(),
      Minus: () => viewer.value?.zoomOut(),
      NumpadSubtract: () => viewer.value?.zoomOut(),
      Digit0: () => viewer.value?.fitWidth(),
      KeyR: () => viewer.value?.rotate(),
      KeyW: () => (showWords.value = !showWords.value),
      PageUp: () => viewer.value?.goTo(pageIndex.value - 1),
      PageDown: () => viewer.value?.goTo(pageIndex.value + 1),
      KeyK: () => void store.skip(),
    };
    const action = actions[event.code];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  onMounted(() => window.addEventListener('keydown', onGlobalKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onGlobalKey));
}
