/**
 * Independent volunteer errors: digit substitution and transposition, decimal-separator swap,
 * dropped accents, a skipped field, occasional whole-field garbage.
 */
import { pick, type Rng } from './random.js';

export type ErrorKind = 'digit' | 'transpose' | 'separator' | 'accents' | 'skip' | 'garbage' | 'typo';

function digitSub(raw: string, rng: Rng): string {
  const at = [...raw].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  if (!at.length) return typo(raw, rng);
  const i = at[pick(rng, at.length)] ?? 0;
  const d = (Number(raw[i]) + 1 + pick(rng, 9)) % 10;
  return raw.slice(0, i) + String(d) + raw.slice(i + 1);
}

function transpose(raw: string, rng: Rng): string {
  const at = [...raw].flatMap((c, i) =>
    /\d/.test(c) && /\d/.test(raw[i + 1] ?? '') && c !== raw[i + 1] ? [i] : [],
  );
  if (!at.length) return digitSub(raw, rng);
  const i = at[pick(rng, at.length)] ?? 0;
  return raw.slice(0, i) + raw[i + 1] + raw[i] + raw.slice(i + 2);
}

function separator(raw: string, rng: Rng): string {
  const m = /([.,])(\d{2})$/.exec(raw);
  if (!m) return digitSub(raw, rng);
  return raw.slice(0, m.index) + (m[1] === ',' ? '.' : ',') + m[2];
}

function typo(raw: string, rng: Rng): string {
  const at = [...raw].flatMap((c, i) => (/\p{L}/u.test(c) ? [i] : []));
  if (!at.length) return raw + 'x';
  const i = at[pick(rng, at.length)] ?? 0;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return raw.slice(0, i) + (letters[pick(rng, 26)] ?? 'x') + raw.slice(i + 1);
}

const stripAccents = (raw: string) => raw.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

function garbage(rng: Rng): string {
  return Array.from({ length: 3 + pick(rng, 8) }, () => 'qwxzkjv'[pick(rng, 7)]).join('');
}

/** Which kind of error a volunteer makes on a value (numbers and text err differently). */
export function errorKind(raw: string, rng: Rng): ErrorKind {
  const numeric = /\d/.test(raw) && !/\p{L}{3}/u.test(raw);
  const r = rng();
  if (r < 0.08) return 'garbage';
  if (r < 0.2) return 'skip';
  if (!numeric) return r < 0.55 ? 'accents' : 'typo';
  if (r < 0.55) return 'digit';
  return r < 0.8 ? 'transpose' : 'separator';
}

/** The value typed with one error of `kind`. */
export function corrupt(raw: string, kind: ErrorKind, rng: Rng): string {
  switch (kind) {
    case 'digit':
      return digitSub(raw, rng);
    case 'transpose':
      return transpose(raw, rng);
    case 'separator':
      return separator(raw, rng);
    case 'accents':
      return stripAccents(raw) === raw ? typo(raw, rng) : stripAccents(raw);
    case 'skip':
      return '';
    case 'garbage':
      return garbage(rng);
    default:
      return typo(raw, rng);
  }
}
