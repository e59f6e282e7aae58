import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isGarbledWord, scoreGarbage, textLayerUsable } from './garbage.js';

describe('garbage detection', () => {
  it('flags the broken-ToUnicode title of real-docs 01', () => {
    for (const word of ['[ÉÇÉÜtuÄx', 'VöÅtÜt', 'W|ÑâàtwÉá', 'atv|™Ç'])
      expect([word, isGarbledWord(word)]).toEqual([word, true]);
  });

  it('keeps real Spanish and English words, codes, amounts, dates and tax ids', () => {
    const fine = [
      'Honorable',
      'Cámara',
      'Diputados',
      'Nación',
      'Rendición',
      'Güemes',
      'Añelo',
      'S.R.L.',
      'Ult.Mod.Ver',
      'OfficeProPlus',
      'CRDA/2024/028',
      '30-68555528-6',
      '$',
      '1.234,56',
      '1,234.56',
      '28/11/2012',
      '(inglés)',
      'N°',
      'iPhone',
      'Expte.',
      'HL-4512/2024',
      'McDonald',
      'strengths',
      'Ltd',
    ];
    for (const word of fine) expect([word, isGarbledWord(word)]).toEqual([word, false]);
  });

  it('never flags numbers, amounts or dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        (units, cents) => {
          const es = `${units.toLocaleString('es-AR')},${String(cents).padStart(2, '0')}`;
          const en = `$${units.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
          return !isGarbledWord(es) && !isGarbledWord(en) && !isGarbledWord(`${(units % 28) + 1}/03/2024`);
        },
      ),
    );
  });

  it('flags control, private-use and replacement characters', () => {
    expect(isGarbledWord('abc\u0001d')).toBe(true);
    expect(isGarbledWord('\uE001\uE002')).toBe(true);
    expect(isGarbledWord('Pro\uFFFDveedor')).toBe(true);
  });

  it('sends an empty or mostly garbled layer to OCR and keeps a mostly good one', () => {
    expect(textLayerUsable(scoreGarbage([]))).toBe(false);
    expect(textLayerUsable(scoreGarbage(['Hola']))).toBe(true);
    expect(textLayerUsable(scoreGarbage(['Página', '1']), true)).toBe(false);
    expect(textLayerUsable(scoreGarbage(['[ÉÇÉÜtuÄx', 'VöÅtÜt', 'W|ÑâàtwÉá', 'Votos']))).toBe(false);
    const mostlyFine = scoreGarbage([
      '[ÉÇÉÜtuÄx',
      'Votos',
      'Afirmativos',
      'Presentes',
      'Ausentes',
      'Diputados',
      'Desempate',
    ]);
    expect(textLayerUsable(mostlyFine)).toBe(true);
    expect(mostlyFine.garbled).toEqual([true, false, false, false, false, false, false]);
  });
});
