export type OcrLanguages = 'spa' | 'eng' | 'spa+eng';
export type PageSource = 'text-layer' | 'ocr';

/** Top-left origin, PDF points (1/72 in). For images: pixels at 72 DPI equivalence. */
export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Fractions of the page width/height, 0..1, top-left origin. */
export interface FractionBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Word {
  text: string;
  bbox: BBox;
  box: FractionBox;
  /** 0-100; text-layer words have 100, or 0 when flagged as garbled. */
  confidence: number;
  /** Index of the reading-order line on the page, from 0. */
  line: number;
  /** Set on text-layer words whose characters look like a broken font map. */
  garbled?: boolean;
}

export interface RasterImage {
  webp: Buffer;
  width: number;
  height: number;
}

export interface PageResult {
  number: number;
  width: number;
  height: number;
  source: PageSource;
  text: string;
  words: Word[];
  meanConfidence: number;
  display: RasterImage;
  thumbnail: RasterImage;
}

/** A word as an OCR engine reports it: pixel box in the recognised image. */
export interface OcrWord {
  text: string;
  bbox: BBox;
  confidence: number;
  /** Engine's own line grouping key; the assembler recomputes lines from geometry. */
  lineKey: string;
}

export interface OcrResult {
  text: string;
  words: OcrWord[];
  meanConfidence: number;
}

export interface RecognizeOptions {
  languages: OcrLanguages;
  /** Tesseract page segmentation mode; 4 (single column of variable-size text) reads tables best here. */
  psm?: number;
  /**
   * Resolution of the image, used by preprocessing to tell table rules from glyphs. Not passed to
   * Tesseract: its own estimate read the 200-DPI fixtures better than the true value (WER 0.62 vs 0.77).
   */
  dpi?: number;
}

/** Raw pixels as sharp reads them with `{ raw: { width, height, channels } }`. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Encoded image bytes (PNG, JPEG, TIFF, WebP: anything sharp reads) or raw pixels. */
export type OcrImage = Buffer | RawImage;

export interface OcrEngine {
  readonly kind: 'tesseractjs' | 'native';
  /** Recognises one image; word boxes are in the image's pixels. Failures are PipelineError('ocr_failed'). */
  recognize(image: OcrImage, options: RecognizeOptions): Promise<OcrResult>;
  close(): Promise<void>;
}
