/**
 * axe-core (injected from node_modules, no network) on the home, project and transcription
 * screens, in light and dark themes: no serious or critical WCAG 2 A/AA violation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './support/app.js';
import { seriousViolations } from './support/axe.js';
import { DESKTOP, launchBrowser, newContext } from './support/browser.js';
import { ADMIN_ENV, seedProject } from './support/seed.js';

const SLUG = 'gastos-demo';

describe('accessibility (axe-core)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(ADMIN_ENV), launchBrowser()]);
    await seedProject(app.url, SLUG, ['rendicion-concejo-2023-11.pdf']);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical violation on home, project and transcription screens (${colorScheme})`, async () => {
      // Our CSP forbids inline scripts (good); the test lifts it only to inject axe.
      const { context } = await newContext(browser, { ...DESKTOP, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      await page.goto(app.url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      found.home = await seriousViolations(page);
      await page.goto(`${app.url}/p/${SLUG}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      found.project = await seriousViolations(page);
      await page.goto(`${app.url}/p/${SLUG}/transcribe`);
      await page.locator('[data-task-id]').waitFor();
      found.transcription = await seriousViolations(page);
      await context.close();
      expect(found).toEqual({ home: [], project: [], transcription: [] });
    });
  }
});
