// Keys on the focused page viewer (without modifiers; the transcription screen adds Alt+ ones).
import type { Ref } from 'vue';

/** A keydown handler for `viewport`: zoom, fit, rotate, words, arrows scroll, PgUp/PgDn pages. */
export function useViewerKeys(
  viewport: Ref<HTMLElement | null>,
  actions: {
    zoomBy: (factor: number) => void;
    fitWidth: () => void;
    rotate: () => void;
    toggleWords: () => void;
    previousPage: () => void;
    nextPage: () => void;
  },
) {
  return function onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const el = viewport.value;
    const byKey: Record<string, () => void> = {
      '+': () => actions.zoomBy(1.25),
      '=': () => actions.zoomBy(1.25),
      '-': () => actions.zoomBy(0.8),
      '0': actions.fitWidth,
      r: actions.rotate,
      w: actions.toggleWords,
      ArrowLeft: () => el?.scrollBy({ left: -60 }),
      ArrowRight: () => el?.scrollBy({ left: 60 }),
      ArrowUp: () => el?.scrollBy({ top: -60 }),
      ArrowDown: () => el?.scrollBy({ top: 60 }),
      PageUp: actions.previousPage,
      PageDown: actions.nextPage,
    };
    const action = byKey[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
}
