/**
 * What the page's own text says about a value. Numbers, money, dates and tax ids are compared as
 * normalised values (a volunteer's "1234.5" matches a printed "1.234,50"); other text by folded
 * whole words. Born-digital pages (a text layer) are exact; OCR text is only a hint.
 */
import type { ScalarField } from '../contracts/field-schema.js';
import { foldEntity, foldText, normalizeValue } from './domain/index.js';
import { tidyText } from './domain/text.js';

/** Types whose values can be checked exactly against a text layer. */
export const CHECKABLE_TYPES = new Set(['money', 'number', 'date', 'tax_id']);

const TOKENS: Record<string, RegExp> = {
  money: /\(?-?\d[\d.,\s\u00a0]*\d\)?|\d/g,
  number: /\(?-?\d[\d.,\s\u00a0]*\d\)?|\d/g,
  date: /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/g,
  tax_id: /\d{2}-?\d{8}-?\d/g,
};

export interface PageEvidence {
  textLayer: boolean;
  /** Whether the page shows this comparable (or one of the raw forms) for the field. */
  shows(field: ScalarField | undefined, comparable: string, raws: readonly string[]): boolean;
}

function tokensOf(text: string, type: string): string[] {
  const re = TOKENS[type];
  if (!re) return [];
  // Money may be printed with spaces as group separators; also try each space-separated part.
  return [...text.matchAll(re)].flatMap((m) => [m[0].trim(), ...m[0].trim().split(/\s+/)]);
}

/** Evidence from a task's page text. */
export function pageEvidence(text: string, textLayer: boolean, locale: string): PageEvidence {
  const tidy = tidyText(text);
  const folded = ` ${foldText(text)} `;
  const entityFolded = ` ${foldEntity(text)} `;
  const cache = new Map<string, Set<string>>();
  const comparables = (field: ScalarField): Set<string> => {
    const key = JSON.stringify([
      field.type,
      'currency' in field ? field.currency : null,
      'country' in field ? field.country : null,
    ]);
    let set = cache.get(key);
    if (!set) {
      set = new Set(
        tokensOf(text, field.type).flatMap((t) => {
          const r = normalizeValue({ ...field, required: false, validation: undefined }, t, locale);
          return r.ok && r.comparable ? [r.comparable] : [];
        }),
      );
      cache.set(key, set);
    }
    return set;
  };
  return {
    textLayer,
    shows(field, comparable, raws) {
      if (raws.some((r) => tidyText(r).length >= 3 && tidy.includes(tidyText(r)))) return true;
      if (!field || !comparable) return false;
      if (CHECKABLE_TYPES.has(field.type)) return comparables(field).has(comparable);
      return (
        comparable.length >= 3 &&
        (folded.includes(` ${comparable} `) || entityFolded.includes(` ${comparable} `))
      );
    },
  };
}
