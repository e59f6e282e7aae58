import { createRequire } from 'node:module';
import { threadId } from 'node:worker_threads';

/**
 * Canvas and fonts for pdfjs in Node, drawing text as text.
 *
 * Without a font loading API pdfjs draws every glyph as a path (`disableFontFace`): per glyph a
 * save, transform, path fill and restore, and skia rasterises each outline anew. With fonts
 * registered in skia, pdfjs draws glyphs with `fillText` and skia caches their masks: a page's
 * rasterisation costs half as much (docs/benchmarks.md, "Run 6"; docs/adr/0007). This needs
 * @napi-rs/canvas 1.x (the root package.json overrides pdfjs's 0.1.x): 0.1.x leaked memory at
 * every font removal and made threads wait for each other on every glyph drawn as text.
 *
 * pdfjs hands its fonts (already sanitised into OpenType, as browsers get them) to `new FontFace`
 * and `document.fonts.add`; `SkiaFontFace` and `skiaFontSet` register them with
 * @napi-rs/canvas's `GlobalFonts` and remove them when the document is destroyed. A font skia
 * refuses fails to load, and pdfjs falls back to drawing that font as paths.
 *
 * `GlobalFonts` is one registry for the whole process, but pdfjs names fonts after a per-thread
 * document counter (`g_d0_f1` in every thread's first document). So each font is registered under
 * its name with this thread's suffix, and the contexts `SkiaCanvasFactory` makes rewrite font
 * names on the way in: two threads never draw with each other's fonts.
 */

interface FontKey {
  readonly __fontKey?: never;
}

interface SkiaContext {
  font: string;
}

interface SkiaCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): SkiaContext;
}

interface SkiaModule {
  createCanvas(width: number, height: number): SkiaCanvas;
  GlobalFonts: {
    register(font: Buffer, nameAlias?: string): FontKey | null;
    removeBatch(keys: FontKey[]): number;
    has(name: string): boolean;
  };
}

// The copy pdfjs itself loads (it resolves @napi-rs/canvas from its own package): never a second one.
const require = createRequire(import.meta.url);
const skia = createRequire(require.resolve('pdfjs-dist/package.json'))('@napi-rs/canvas') as SkiaModule;

const THREAD_SUFFIX = `_t${threadId}`;
// pdfjs's font names: g_<document id>_<font id>, quoted in the CSS font shorthand it sets.
const PDFJS_FONT_NAME = /"(g_[A-Za-z0-9_]+)"/g;

/** The name a pdfjs font is registered under in this thread. */
export function scopedFontName(family: string): string {
  return family + THREAD_SUFFIX;
}

/** Rewrites the pdfjs font names in a CSS font shorthand to this thread's registered names. */
export function scopeFontShorthand(font: string): string {
  return font.replace(PDFJS_FONT_NAME, (_, name: string) => `"${scopedFontName(name)}"`);
}

/** Whether skia has a font registered under this (scoped) name. */
export function skiaHasFont(name: string): boolean {
  return skia.GlobalFonts.has(name);
}

/** The subset of the CSS Font Loading API's FontFace that pdfjs uses. */
export class SkiaFontFace {
  readonly family: string;
  status: 'unloaded' | 'loaded' | 'error' = 'unloaded';
  readonly loaded: Promise<SkiaFontFace>;
  #data: Uint8Array | undefined;
  #key: FontKey | null = null;
  #settle!: (error?: Error) => void;

  constructor(family: string, source: Uint8Array | ArrayBuffer | string) {
    this.family = family;
    this.#data = typeof source === 'string' ? undefined : new Uint8Array(source);
    this.loaded = new Promise<SkiaFontFace>((resolve, reject) => {
      this.#settle = (error) => (error ? reject(error) : resolve(this));
    });
  }

  /** Registers the font with skia (called by `skiaFontSet.add`). */
  register(): void {
    if (this.status !== 'unloaded') return;
    const data = this.#data;
    this.#data = undefined;
    const key = data ? skia.GlobalFonts.register(Buffer.from(data), scopedFontName(this.family)) : null;
    if (!key) {
      this.status = 'error';
      this.#settle(new Error(`skia cannot load font ${this.family}`));
      return;
    }
    this.#key = key;
    this.status = 'loaded';
    this.#settle();
  }

  /** Removes the font from skia (called by `skiaFontSet.delete`). */
  unregister(): void {
    if (this.#key) removeSoon(this.#key);
    this.#key = null;
  }
}

// Each removal rebuilds skia's font collection (~2 ms with a few documents' fonts in it), so the
// fonts of destroyed documents are removed together: when enough have gathered or after a while.
// Their names are never used again (pdfjs numbers documents per thread).
const REMOVE_BATCH = 64;
const REMOVE_AFTER_MS = 2_000;
let removals: FontKey[] = [];
let removalTimer: NodeJS.Timeout | undefined;

function removeSoon(key: FontKey): void {
  removals.push(key);
  if (removals.length >= REMOVE_BATCH) flushRemovals();
  else removalTimer ??= setTimeout(flushRemovals, REMOVE_AFTER_MS).unref();
}

/** Removes the fonts of destroyed documents from skia now. */
export function flushRemovals(): void {
  clearTimeout(removalTimer);
  removalTimer = undefined;
  const keys = removals;
  removals = [];
  if (keys.length > 0) skia.GlobalFonts.removeBatch(keys);
}

/** The `document.fonts` pdfjs adds its fonts to and deletes them from. */
export const skiaFontSet = {
  add: (face: SkiaFontFace): void => face.register(),
  delete: (face: SkiaFontFace): boolean => (face.unregister(), true),
};

/** Installs `FontFace` where pdfjs looks for it (a global); Node has none of its own. */
export function installSkiaFontFace(): void {
  (globalThis as { FontFace?: unknown }).FontFace = SkiaFontFace;
}

interface CanvasEntry {
  canvas: SkiaCanvas | null;
  context: SkiaContext | null;
}

/** pdfjs's canvas factory (`getDocument({ CanvasFactory })`): its own canvases, with scoped font names. */
export class SkiaCanvasFactory {
  create(width: number, height: number): CanvasEntry {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = skia.createCanvas(width, height);
    const context = canvas.getContext('2d');
    scopeFonts(context);
    return { canvas, context };
  }

  reset(entry: CanvasEntry, width: number, height: number): void {
    if (!entry.canvas) throw new Error('Canvas is not specified');
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    entry.canvas.width = width;
    entry.canvas.height = height;
  }

  destroy(entry: CanvasEntry): void {
    if (!entry.canvas) throw new Error('Canvas is not specified');
    entry.canvas.width = entry.canvas.height = 0;
    entry.canvas = null;
    entry.context = null;
  }
}

function scopeFonts(context: SkiaContext): void {
  let prototype = Object.getPrototypeOf(context) as object | null;
  let descriptor: PropertyDescriptor | undefined;
  while (prototype && !(descriptor = Object.getOwnPropertyDescriptor(prototype, 'font'))) {
    prototype = Object.getPrototypeOf(prototype) as object | null;
  }
  const accessor = descriptor as {
    get?: (this: SkiaContext) => string;
    set?: (this: SkiaContext, value: string) => void;
  };
  const { get, set } = accessor;
  if (!get || !set) throw new Error('@napi-rs/canvas has no font accessor');
  Object.defineProperty(context, 'font', {
    configurable: true,
    get(this: SkiaContext) {
      return get.call(this);
    },
    set(this: SkiaContext, value: string) {
      set.call(this, scopeFontShorthand(value));
    },
  });
}
