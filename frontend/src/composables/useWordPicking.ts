// Pointer gestures on the page viewer. One pointer drags: it pans the page, or with the OCR words
// shown it draws a box (lasso) whose words are picked; a click picks the word under it. Two
// pointers pinch to zoom (see usePinchZoom).
import { ref, type Ref } from 'vue';
import type { PageWord } from '../services/tasks';

export interface Lasso {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Drag {
  x: number;
  y: number;
  left: number;
  top: number;
  moved: boolean;
  words: boolean;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface PinchHandlers {
  down(event: PointerEvent): boolean;
  move(event: PointerEvent): boolean;
  up(event: PointerEvent): boolean;
}

/** Pointer handlers for `viewport`; `onPick(text, append)` gets the picked words' text. */
export function useWordPicking(options: {
  viewport: Ref<HTMLElement | null>;
  words: () => readonly PageWord[];
  showWords: () => boolean;
  pinch: PinchHandlers;
  onPick: (text: string, append: boolean) => void;
}) {
  const { viewport, pinch } = options;
  const lasso = ref<Lasso | null>(null);
  let drag: Drag | null = null;

  /** The words mostly inside `rect` (client pixels), in reading order. */
  function wordsIn(rect: Rect): PageWord[] {
    const root = viewport.value;
    if (!root) return [];
    const words = options.words();
    const hits: PageWord[] = [];
    root.querySelectorAll<HTMLElement>('[data-word]').forEach((el) => {
      const b = el.getBoundingClientRect();
      const overlapX = Math.min(b.right, rect.right) - Math.max(b.left, rect.left);
      const overlapY = Math.min(b.bottom, rect.bottom) - Math.max(b.top, rect.top);
      // A word counts when most of it is inside the box.
      if (overlapX > b.width * 0.5 && overlapY > b.height * 0.5) {
        const word = words[Number(el.dataset.word)];
        if (word) hits.push(word);
      }
    });
    return hits.sort((a, b) =>
      Math.abs(a.box.y - b.box.y) > a.box.h / 2 ? a.box.y - b.box.y : a.box.x - b.box.x,
    );
  }

  function wordAt(x: number, y: number): PageWord | undefined {
    const el = document.elementsFromPoint(x, y).find((e) => e instanceof HTMLElement && e.dataset.word);
    return el instanceof HTMLElement ? options.words()[Number(el.dataset.word)] : undefined;
  }

  function onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || !viewport.value) return;
    viewport.value.setPointerCapture(event.pointerId);
    event.preventDefault();
    if (pinch.down(event)) {
      // A second finger turns the gesture into a pinch: no pan, lasso or pick from it.
      drag = null;
      lasso.value = null;
      return;
    }
    drag = {
      x: event.clientX,
      y: event.clientY,
      left: viewport.value.scrollLeft,
      top: viewport.value.scrollTop,
      moved: false,
      words: options.showWords(),
    };
  }

  function onPointerMove(event: PointerEvent): void {
    if (pinch.move(event) || !drag || !viewport.value) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (!drag.moved) return;
    if (drag.words) {
      const r = viewport.value.getBoundingClientRect();
      lasso.value = {
        x0: drag.x - r.left,
        y0: drag.y - r.top,
        x1: event.clientX - r.left,
        y1: event.clientY - r.top,
      };
    } else {
      viewport.value.scrollLeft = drag.left - dx;
      viewport.value.scrollTop = drag.top - dy;
    }
  }

  function onPointerUp(event: PointerEvent): void {
    if (pinch.up(event)) return;
    const d = drag;
    drag = null;
    const root = viewport.value;
    if (!d || !root) return;
    if (root.hasPointerCapture(event.pointerId)) root.releasePointerCapture(event.pointerId);
    if (!d.words) return;
    if (d.moved && lasso.value) {
      const r = root.getBoundingClientRect();
      const l = lasso.value;
      const hits = wordsIn({
        left: r.left + Math.min(l.x0, l.x1),
        right: r.left + Math.max(l.x0, l.x1),
        top: r.top + Math.min(l.y0, l.y1),
        bottom: r.top + Math.max(l.y0, l.y1),
      });
      lasso.value = null;
      if (hits.length) options.onPick(hits.map((w) => w.text).join(' '), event.shiftKey);
      return;
    }
    const word = wordAt(event.clientX, event.clientY);
    if (word) options.onPick(word.text, event.shiftKey);
  }

  return { lasso, onPointerDown, onPointerMove, onPointerUp };
}
