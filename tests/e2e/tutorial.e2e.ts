/**
 * The first-time guided example runs entirely in the browser: read the practice page, pick
 * words from the OCR layer (click and drag), type the rest with the keyboard, mark the smudged
 * stamp illegible, and get friendly feedback per field.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, startApp, type RunningApp } from './support/app.js';
import { DESKTOP, PHONE, launchBrowser, newContext } from './support/browser.js';

const SHOTS = path.join(ROOT, 'docs/screenshots');

async function wordBox(page: Page, index: number) {
  const box = await page.locator(`[data-word="${index}"]`).boundingBox();
  if (!box) throw new Error(`word ${index} not visible`);
  return box;
}

describe('guided example', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('fills fields from the OCR layer and the keyboard, then checks the answers', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${app.url}/tutorial`);
    await page.getByTestId('tutorial-form').waitFor();

    // Drag a box over "Imprenta Sur S.A." with the supplier field focused.
    await page.locator('#tut-proveedor').focus();
    await page.getByTestId('toggle-words').click();
    await page.locator('[data-word="10"]').waitFor();
    const first = await wordBox(page, 10);
    const last = await wordBox(page, 12);
    await page.mouse.move(first.x - 3, first.y - 3);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width / 2, last.y + last.height / 2, { steps: 5 });
    await page.mouse.move(last.x + last.width + 3, last.y + last.height + 3, { steps: 5 });
    await page.mouse.up();
    expect(await page.locator('#tut-proveedor').inputValue()).toBe('Imprenta Sur S.A.');

    // Click one word for the CUIT.
    await page.locator('#tut-cuit').focus();
    const cuit = await wordBox(page, 14);
    await page.mouse.click(cuit.x + cuit.width / 2, cuit.y + cuit.height / 2);
    expect(await page.locator('#tut-cuit').inputValue()).toBe('30-71234567-1');
    await page.getByText('Dígito verificador correcto').waitFor();

    // The rest with the keyboard only; Enter moves to the next field.
    await page.locator('#tut-cuit').press('Enter');
    await page.keyboard.type('15/03/2024');
    await page.keyboard.press('Enter');
    await page.keyboard.type('$ 12.345,67');
    await page.getByText('Se lee como 12.345,67 ARS').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'tutorial-desktop-light.png') });

    // Sending with the stamp still unmarked gives per-field feedback.
    await page.getByTestId('tutorial-check').click();
    await page.getByText('Este está borroneado: marcalo como ilegible.').waitFor();

    const stamp = page.locator('[data-field="sello"]');
    await stamp.getByRole('button', { name: 'Ilegible' }).click();
    await page.getByTestId('tutorial-check').click();
    await page.getByText('Todo correcto. ¡Ya estás listo!').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone-sized screen in dark mode', async () => {
    const { context, errors } = await newContext(browser, { ...PHONE, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${app.url}/tutorial`);
    await page.locator('#tut-proveedor').fill('Imprenta Sur S.A.');
    await page.screenshot({ path: path.join(SHOTS, 'tutorial-phone-dark.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
