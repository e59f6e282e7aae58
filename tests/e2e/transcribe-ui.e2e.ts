/**
 * The transcription screen's behaviour, with the crowd endpoints scripted in the browser (the
 * rest is the real app): keyboard-only entry, OCR picks, hints, a server refusal shown per
 * field, a draft surviving a reload, the next task after submit, the offline banner, and a
 * two-finger pinch zoom on a phone.
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

  it('zooms the page with a two-finger pinch on a phone and still pans with one finger', async () => {
    const { context, errors } = await newContext(browser, PHONE);
    await installFakeCrowd(context, slug);
    const page = await context.newPage();
    await page.goto(`${app.url}/p/${slug}/transcribe`);
    await page.locator('form[data-testid="task-form"]').waitFor();
    await page.locator('.page img').evaluate((img: HTMLImageElement) => img.decode());
    const viewport = page.getByTestId('viewport');
    await viewport.scrollIntoViewIfNeeded();
    const box = (await viewport.boundingBox())!;
    const cx = Math.round(box.x + box.width / 2);
    const cy = Math.round(box.y + box.height / 3);
    const zoomText = () => page.locator('.zoom').textContent();
    expect(await zoomText()).toBe('100%');

    // Real touch input through the browser's gesture pipeline (touch-action applies), not
    // synthetic DOM events: two fingers 80 px apart spread to 240 px, so the zoom triples.
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })),
      });
    const fingers = (half: number) => [
      { x: cx - half, y: cy },
      { x: cx + half, y: cy },
    ];
    await touch('touchStart', fingers(40));
    for (let half = 50; half <= 120; half += 10) await touch('touchMove', fingers(half));
    await touch('touchEnd', []);
    await page.waitForFunction(() => document.querySelector('.zoom')?.textContent === '300%');
    // The part of the page that was between the fingers is still there: zoomed about the middle.
    const scroll = await viewport.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop }));
    expect(scroll.left).toBeGreaterThan(box.width * 0.5);
    expect(scroll.top).toBeGreaterThan(0);
    // Lifting the fingers picks nothing and leaves the form alone.
    expect(await page.locator('#f-proveedor').inputValue()).toBe('');

    // One finger still pans the zoomed page (natively: the viewport keeps `touch-action: pan-x pan-y`).
    await touch('touchStart', [{ x: cx, y: cy }]);
    // (Chromium locks a mostly sideways drag to the horizontal axis.)
    for (let step = 1; step <= 5; step++) await touch('touchMove', [{ x: cx - step * 20, y: cy }]);
    await touch('touchEnd', []);
    await page.waitForFunction((before) => {
      const el = document.querySelector('[data-testid="viewport"]');
      return !!el && el.scrollLeft > before.left + 50;
    }, scroll);
    expect(await zoomText()).toBe('300%');

    // Pinching in goes back down.
    await touch('touchStart', fingers(120));
    for (let half = 100; half >= 40; half -= 20) await touch('touchMove', fingers(half));
    await touch('touchEnd', []);
    await page.waitForFunction(() => document.querySelector('.zoom')?.textContent === '100%');
    expect(errors).toEqual([]);
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
