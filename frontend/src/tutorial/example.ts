// The guided example: a practice page drawn as SVG from the same lines that give its word
// boxes, so the OCR layer lines up exactly, plus a schema and the known answers.
import type { FieldSchemaDefinition } from '@cotejo/backend/contracts';
import type { PageWord, PageWords } from '../services/tasks';
import type { ViewerPage } from '../components/PageViewer.vue';

const WIDTH = 600;
const HEIGHT = 780;
const CHAR = 12; // monospace advance at font-size 20
const SIZE = 20;

interface Line {
  x: number;
  y: number;
  text: string;
  bold?: boolean;
}

const lines: Line[] = [
  { x: 60, y: 70, text: 'MUNICIPALIDAD DE VILLA EJEMPLO', bold: true },
  { x: 60, y: 105, text: 'Orden de pago Nro. 1234' },
  { x: 60, y: 190, text: 'Proveedor: Imprenta Sur S.A.' },
  { x: 60, y: 230, text: 'CUIT: 30-71234567-1' },
  { x: 60, y: 270, text: 'Fecha: 15/03/2024' },
  { x: 60, y: 340, text: 'Concepto: folletos informativos' },
  { x: 60, y: 410, text: 'Importe total: $ 12.345,67', bold: true },
  { x: 60, y: 560, text: 'Sello:' },
];

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function svg(): string {
  const text = lines
    .map(
      (l) =>
        `<text x="${l.x}" y="${l.y}" font-family="Courier New, monospace" font-size="${SIZE}" textLength="${l.text.length * CHAR}" lengthAdjust="spacingAndGlyphs"${l.bold ? ' font-weight="bold"' : ''}>${escapeXml(l.text)}</text>`,
    )
    .join('');
  const smudge =
    '<g opacity="0.75"><ellipse cx="230" cy="555" rx="95" ry="38" fill="#6b4f9e" /><ellipse cx="260" cy="560" rx="60" ry="22" fill="#4b3572" /></g>';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}"><rect width="100%" height="100%" fill="#fffdf8"/><line x1="60" y1="130" x2="540" y2="130" stroke="#333" stroke-width="1.5"/>${text}${smudge}</svg>`;
}

function words(): PageWord[] {
  const out: PageWord[] = [];
  for (const l of lines) {
    let index = 0;
    for (const token of l.text.split(' ')) {
      if (token) {
        const x0 = l.x + index * CHAR;
        const x1 = x0 + token.length * CHAR;
        const y0 = l.y - SIZE * 0.8;
        const y1 = l.y + SIZE * 0.25;
        out.push({
          text: token,
          bbox: { x0, y0, x1, y1 },
          box: { x: x0 / WIDTH, y: y0 / HEIGHT, w: (x1 - x0) / WIDTH, h: (y1 - y0) / HEIGHT },
          confidence: 0.99,
        });
      }
      index += token.length + 1;
    }
  }
  return out;
}

export const examplePage: ViewerPage = {
  number: 1,
  width: WIDTH,
  height: HEIGHT,
  imageUrl: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg())}`,
  thumbnailUrl: '',
};

export const exampleWords: PageWords = { width: WIDTH, height: HEIGHT, words: words() };

const region = (x: number, y: number, w: number, h: number) => ({
  x: x / WIDTH,
  y: y / HEIGHT,
  w: w / WIDTH,
  h: h / HEIGHT,
});

export const exampleSchema: FieldSchemaDefinition = {
  fields: [
    {
      key: 'proveedor',
      type: 'entity',
      entityKind: 'supplier',
      label: { es: 'Proveedor', en: 'Supplier' },
      hint: { es: 'El nombre de la empresa, tal como aparece.', en: 'The company name, as written.' },
      required: true,
      verify: true,
      public: true,
      region: region(50, 165, 380, 35),
    },
    {
      key: 'cuit',
      type: 'tax_id',
      country: 'AR',
      label: 'CUIT',
      hint: { es: '11 dígitos; los guiones son opcionales.', en: '11 digits; hyphens are optional.' },
      required: true,
      verify: true,
      public: true,
      region: region(50, 205, 260, 35),
    },
    {
      key: 'fecha',
      type: 'date',
      label: { es: 'Fecha', en: 'Date' },
      hint: { es: 'Día/mes/año.', en: 'Day/month/year.' },
      required: true,
      verify: true,
      public: true,
      region: region(50, 245, 230, 35),
    },
    {
      key: 'importe',
      type: 'money',
      currency: 'ARS',
      label: { es: 'Importe total', en: 'Total amount' },
      hint: { es: 'Con decimales, como figura.', en: 'With decimals, as written.' },
      required: true,
      verify: true,
      public: true,
      region: region(50, 385, 340, 35),
    },
    {
      key: 'sello',
      type: 'text',
      label: { es: 'Texto del sello', en: 'Stamp text' },
      hint: {
        es: 'Si no se puede leer, marcalo como ilegible.',
        en: 'If it cannot be read, mark it as illegible.',
      },
      required: false,
      verify: true,
      public: true,
      region: region(50, 510, 300, 90),
    },
  ],
  checks: [],
};

/** Known answers: a canonical value, or the marker the volunteer should choose. */
export const exampleAnswers: Record<string, { value?: string; marker?: 'illegible' }> = {
  proveedor: { value: 'imprenta sur s.a.' },
  cuit: { value: '30712345671' },
  fecha: { value: '2024-03-15' },
  importe: { value: '12345.67' },
  sello: { marker: 'illegible' },
};
