import { describe, expect, it } from '@jest/globals';
import { MAX_ZOOM, MIN_ZOOM, clampZoom, midpoint, pinchZoom, pointerDistance, scrollToKeep } from './zoom';

describe('viewer zoom', () => {
  it('clamps to the limits and rounds to whole percent', () => {
    expect(clampZoom(0.1)).toBe(MIN_ZOOM);
    expect(clampZoom(12)).toBe(MAX_ZOOM);
    expect(clampZoom(1.25 * 1.25)).toBe(1.56);
  });

  it('measures two pointers', () => {
    expect(pointerDistance({ x: 0, y: 0 }, { x: 30, y: 40 })).toBe(50);
    expect(midpoint({ x: 10, y: 20 }, { x: 30, y: 60 })).toEqual({ x: 20, y: 40 });
  });

  it('zooms in proportion to how far the fingers spread, from the zoom at the start', () => {
    expect(pinchZoom(1, 100, 200)).toBe(2);
    expect(pinchZoom(2, 100, 50)).toBe(1);
    expect(pinchZoom(1.5, 120, 120)).toBe(1.5);
    expect(pinchZoom(1, 100, 10_000)).toBe(MAX_ZOOM);
    expect(pinchZoom(1, 100, 1)).toBe(MIN_ZOOM);
    // A degenerate start (both fingers on one spot) leaves the zoom alone.
    expect(pinchZoom(1.2, 0, 80)).toBe(1.2);
  });

  it('does not drift when many small moves pass through the same spread', () => {
    let zoom = 1;
    for (let d = 100; d <= 180; d += 1) zoom = pinchZoom(1, 100, d);
    for (let d = 180; d >= 100; d -= 1) zoom = pinchZoom(1, 100, d);
    expect(zoom).toBe(1);
  });

  it('scrolls so the point under the fingers stays under them', () => {
    // The stage's top-left is 50 px left of the screen edge and 10 px below the top; the fingers
    // started over stage point (200, 300) and the stage has doubled.
    const delta = scrollToKeep({ x: 200, y: 300 }, 2, { x: -50, y: 10 }, { x: 150, y: 310 });
    expect(delta).toEqual({ x: 200, y: 300 });
    // After scrolling by that much the anchor is back under the focus.
    const origin = { x: -50 - delta.x, y: 10 - delta.y };
    expect({ x: origin.x + 200 * 2, y: origin.y + 300 * 2 }).toEqual({ x: 150, y: 310 });
  });

  it('follows the fingers when they move together (a two-finger pan)', () => {
    expect(scrollToKeep({ x: 100, y: 100 }, 1, { x: 0, y: 0 }, { x: 80, y: 60 })).toEqual({ x: 20, y: 40 });
  });
});
