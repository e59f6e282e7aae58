// Zoom arithmetic for the page viewer, kept free of Vue and the DOM so it can be tested alone.

export interface Point {
  x: number;
  y: number;
}

export const MIN_ZOOM = 0.4;
export const MAX_ZOOM = 5;

/** A zoom level within the viewer's limits, rounded to whole percent. */
export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(zoom * 100) / 100));
}

/** The distance between two pointers. */
export function pointerDistance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The point halfway between two pointers. */
export function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * The zoom for fingers now `distance` apart in a pinch that began `startDistance` apart at
 * `startZoom`. It is computed from the start, not step by step, so rounding never accumulates.
 */
export function pinchZoom(startZoom: number, startDistance: number, distance: number): number {
  if (startDistance <= 0 || distance <= 0) return startZoom;
  return clampZoom((startZoom * distance) / startDistance);
}

/**
 * How far to scroll so that the stage point `anchor` (px from the stage's top-left, measured
 * before the stage grew by `scale`) lies under `focus`, given where the stage's top-left is now.
 * All in screen (client) pixels.
 */
export function scrollToKeep(anchor: Point, scale: number, stageOrigin: Point, focus: Point): Point {
  return {
    x: stageOrigin.x + anchor.x * scale - focus.x,
    y: stageOrigin.y + anchor.y * scale - focus.y,
  };
}
