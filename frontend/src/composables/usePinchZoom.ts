// Two-finger pinch on the page viewer: the zoom follows the spread of the fingers and the point of
// the page between them stays between them (moving both fingers together pans).
import { nextTick, type Ref } from 'vue';
import { midpoint, pinchZoom, pointerDistance, scrollToKeep, type Point } from '../lib/zoom';

interface Pinch {
  startZoom: number;
  startDistance: number;
  // The stage point under the fingers at the start, in stage pixels at `startZoom`.
  anchor: Point;
}

/**
 * Tracks the pointers down on `viewport`; with two of them it zooms `stageEl` through `setZoom`.
 * `down`, `move` and `up` return whether the event belongs to a pinch (so it is not a pan or a pick).
 */
export function usePinchZoom(
  viewport: Ref<HTMLElement | null>,
  stageEl: Ref<HTMLElement | null>,
  zoom: Ref<number>,
  setZoom: (level: number) => void,
) {
  const pointers = new Map<number, Point>();
  let pinch: Pinch | null = null;
  // A pinch lasts until every finger is up, so the last finger lifted is not taken for a tap.
  let settling = false;

  function pair(): [Point, Point] | null {
    const [a, b] = [...pointers.values()];
    return a && b ? [a, b] : null;
  }

  function start(): void {
    const fingers = pair();
    const stage = stageEl.value?.getBoundingClientRect();
    if (!fingers || !stage) return;
    const focus = midpoint(...fingers);
    pinch = {
      startZoom: zoom.value,
      startDistance: pointerDistance(...fingers),
      anchor: { x: focus.x - stage.left, y: focus.y - stage.top },
    };
    settling = true;
  }

  function follow(): void {
    const fingers = pair();
    if (!pinch || !fingers) return;
    const { startZoom, anchor } = pinch;
    setZoom(pinchZoom(startZoom, pinch.startDistance, pointerDistance(...fingers)));
    const focus = midpoint(...fingers);
    // The stage is resized on the next render; scroll once its new size is laid out.
    void nextTick(() => {
      const stage = stageEl.value?.getBoundingClientRect();
      if (!stage || !viewport.value) return;
      const delta = scrollToKeep(anchor, zoom.value / startZoom, { x: stage.left, y: stage.top }, focus);
      viewport.value.scrollBy({ left: delta.x, top: delta.y });
    });
  }

  function down(event: PointerEvent): boolean {
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 2 && !pinch) start();
    return settling;
  }

  function move(event: PointerEvent): boolean {
    const known = pointers.get(event.pointerId);
    if (!known) return settling;
    known.x = event.clientX;
    known.y = event.clientY;
    if (pinch && pointers.size >= 2) follow();
    return settling;
  }

  function up(event: PointerEvent): boolean {
    const wasPinch = settling;
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) settling = false;
    return wasPinch;
  }

  return { down, move, up };
}
