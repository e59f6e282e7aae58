/**
 * The transcription screen's behaviour, with the crowd endpoints scripted in the browser (the
 * rest is the real app): keyboard-only entry, OCR picks, hints, a server refusal shown per
 * field, a draft surviving a reload, the next task after submit, and the offline banner.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT, startApp, type RunningApp } from './support/app.js';
import { DESKTOP, PHONE, launchBrowser, newContext } from './support/browser.js';
import { installFakeCrowd } from './support/fake-crowd.js';

const SHOTS = path.join(ROOT, 'docs/screenshots');

describe('transcription screen (scripted crowd endpoints)', () => {
  let app: RunningApp;
  let browser: Browser;
  let slug: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const { projects } = (await (await fetch(`${app.url}/api/v1/projects`)).json()) as {
      projects: { slug: string }[];
    };
    slug = projects[0]!.slug;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('is completed with the keyboard, refuses per field, and moves on to the next task', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const crowd = await installFakeCrowd(context, slug);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('project-list').getByTestId('start').first().click();
    await page.waitForURL(`**/p/${slug}/transcribe`);
    await page.locator('form[data-testid="task-form"]').waitFor();

    // Focus lands in the first field; hints are one key away.
    await page.waitForFunction(() => document.activeElement?.id === 'f-proveedor');
    await page.keyboard.type('Imprenta Sur S.A.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Alt+KeyH');
    await page.getByText('El importe final.').waitFor();
    await page.keyboard.type('1.234,56');
    await page.getByText('Se lee como 1.234,56 ARS').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'transcribe-desktop-light.png') });

    crowd.refuseNext = [{ path: 'total', code: 'invalid_money', message: 'not an amount' }];
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('submit-error').waitFor();
    await page.getByText('Escribí un importe, por ejemplo 1.234,56.').waitFor();

    await page.locator('#f-total').fill('1.234,50');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-task-id="t2"], [data-task-id="t3"]');
    expect(crowd.submissions).toHaveLength(1);
    expect(crowd.submissions[0]!.body).toMatchObject({
      values: { proveedor: 'Imprenta Sur S.A.', total: '1.234,50' },
      sources: { proveedor: 'typed', total: 'typed' },
    });
    await page.getByTestId('completed').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fills the focused field from the OCR layer and keeps a draft across a reload', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const crowd = await installFakeCrowd(context, slug);
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${slug}/transcribe`);
    await page.locator('#f-proveedor').focus();
    await page.keyboard.press('Alt+KeyW');
    await page.locator('[data-word="1"]').waitFor();
    await page.locator('[data-word="1"]').click();
    await page.locator('[data-word="2"]').click({ modifiers: ['Shift'] });
    expect(await page.locator('#f-proveedor').inputValue()).toBe('Imprenta Sur');
    await page.getByText('tomado de la página').waitFor();

    await page.locator('#f-tipo').selectOption('recibo');
    await page.reload();
    await page.locator('form[data-testid="task-form"]').waitFor();
    // The reload leases again; the scripted server hands out a new id, so restore by id here.
    const restored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('cotejo:draft:')),
    );
    expect(restored).toContain('cotejo:draft:t1');
    expect(crowd.leased).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the lost-connection banner and keeps what was typed', async () => {
    const { context } = await newContext(browser, DESKTOP);
    await installFakeCrowd(context, slug);
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${slug}/transcribe`);
    await page.locator('#f-proveedor').fill('Imprenta');
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.locator('#f-proveedor').inputValue()).toBe('Imprenta');
    await context.setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await context.close();
  });

  it('fits a phone screen', async () => {
    const { context, errors } = await newContext(browser, PHONE);
    await installFakeCrowd(context, slug);
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${slug}/transcribe`);
    await page.locator('form[data-testid="task-form"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'transcribe-phone-light.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
