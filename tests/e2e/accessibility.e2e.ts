/**
 * axe-core (injected from node_modules, no network) on the home, project and transcription
 * screens, in light and dark themes: no serious or critical WCAG 2 A/AA violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/app.js';
import { DESKTOP, launchBrowser, newContext } from './support/browser.js';
import { ADMIN_ENV, seedProject } from './support/seed.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SLUG = 'gastos-demo';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

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
