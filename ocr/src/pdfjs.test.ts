import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { keepingNatives, loadPdfjs, openPdfDocument } from './pdfjs.js';

// Captured before anything in this file loads pdfjs (compared by identity, never called unbound).
/* eslint-disable @typescript-eslint/unbound-method */
const natives = {
  stringify: JSON.stringify,
  parse: JSON.parse,
  push: Array.prototype.push,
  toString: Function.prototype.toString,
};

const fixture = fileURLToPath(
  new URL('../../fixtures/born-digital/rendicion-concejo-2023-11.pdf', import.meta.url),
);

describe('loading pdfjs', () => {
  it('leaves the native JSON, Array.prototype.push and Function.prototype.toString in place', async () => {
    await loadPdfjs();
    expect(JSON.stringify).toBe(natives.stringify);
    expect(JSON.parse).toBe(natives.parse);
    expect(Array.prototype.push).toBe(natives.push);
    expect(Function.prototype.toString).toBe(natives.toString);
    /* eslint-enable @typescript-eslint/unbound-method */
    // What the runtime lacks and pdfjs uses stays added.
    expect(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers).toBe('function');
  });

  it('still reads a PDF, its parser included, with the natives back', async () => {
    const { doc, task } = await openPdfDocument(new Uint8Array(await readFile(fixture)));
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    expect(content.items.length).toBeGreaterThan(10);
    expect(JSON.stringify).toBe(natives.stringify);
    expect(Array.prototype.push).toBe(natives.push);
    await task.destroy();
  });
});

describe('keepingNatives', () => {
  it('puts back replaced methods, keeps added ones, also when loading fails', async () => {
    const math = Math as unknown as Record<string, unknown>;
    const added = () => 42;
    await expect(
      keepingNatives(() => {
        JSON.stringify = () => 'replaced';
        math.cotejoAdded = added;
        return Promise.reject(new Error('load failed'));
      }),
    ).rejects.toThrow('load failed');
    expect(JSON.stringify).toBe(natives.stringify);
    expect(JSON.stringify({ a: 1 })).toBe('{"a":1}');
    expect(math.cotejoAdded).toBe(added);
    delete math.cotejoAdded;
  });

  it('returns what the load returned', async () => {
    await expect(keepingNatives(() => Promise.resolve('loaded'))).resolves.toBe('loaded');
  });
});
