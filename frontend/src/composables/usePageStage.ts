// The page viewer's stage: zoom, rotation and the geometry that makes the rotated page fill the
// viewport's width at zoom 1, kept in step with the viewport's size.
import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import { clampZoom } from '../lib/zoom';

export interface StagePage {
  width: number;
  height: number;
}

/** Zoom, rotation and stage size for `pages[page]` inside `viewport`; reset when `pages` changes. */
export function usePageStage<P extends StagePage>(
  viewport: Ref<HTMLElement | null>,
  pages: () => readonly P[],
  page: () => number,
) {
  const viewportWidth = ref(600);
  const zoom = ref(1);
  const rotation = ref(0);
  let resizeObserver: ResizeObserver | null = null;

  const current = computed<P | undefined>(() => pages()[page()] ?? pages()[0]);
  const sideways = computed(() => rotation.value % 180 !== 0);
  const ratio = computed(() => (current.value ? current.value.height / current.value.width : 1.414));
  // The rotated page's bounding box fills the viewport width at zoom 1.
  const stage = computed(() => {
    const boxWidth = Math.max(200, viewportWidth.value - 2) * zoom.value;
    const pageWidth = sideways.value ? boxWidth / ratio.value : boxWidth;
    const pageHeight = pageWidth * ratio.value;
    return {
      width: sideways.value ? pageHeight : pageWidth,
      height: sideways.value ? pageWidth : pageHeight,
      pageWidth,
      pageHeight,
    };
  });
  const stageStyle = computed(() => ({ width: `${stage.value.width}px`, height: `${stage.value.height}px` }));
  const pageStyle = computed(() => ({
    width: `${stage.value.pageWidth}px`,
    height: `${stage.value.pageHeight}px`,
    left: `${(stage.value.width - stage.value.pageWidth) / 2}px`,
    top: `${(stage.value.height - stage.value.pageHeight) / 2}px`,
    transform: `rotate(${rotation.value}deg)`,
  }));

  function zoomBy(factor: number): void {
    zoom.value = clampZoom(zoom.value * factor);
  }
  function setZoom(level: number): void {
    zoom.value = clampZoom(level);
  }
  function fitWidth(): void {
    zoom.value = 1;
  }
  function rotate(): void {
    rotation.value = (rotation.value + 90) % 360;
  }

  onMounted(() => {
    if (!viewport.value) return;
    viewportWidth.value = viewport.value.clientWidth;
    resizeObserver = new ResizeObserver(([entry]) => {
      if (entry) viewportWidth.value = entry.contentRect.width;
    });
    resizeObserver.observe(viewport.value);
  });
  onBeforeUnmount(() => resizeObserver?.disconnect());
  watch(pages, () => {
    zoom.value = 1;
    rotation.value = 0;
    viewport.value?.scrollTo({ top: 0, left: 0 });
  });

  return { zoom, rotation, current, stage, stageStyle, pageStyle, zoomBy, setZoom, fitWidth, rotate };
}
