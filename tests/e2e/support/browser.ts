/** Debian Chromium through playwright-core, headless, with the network noise turned off. */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, locale: 'es-AR' };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'es-AR',
};

/** A context that fails the test on uncaught page errors (collected in `errors`). */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions,
): Promise<{ context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext(options);
  const errors: string[] = [];
  context.on('page', (page) => page.on('pageerror', (e) => errors.push(e.message)));
  return { context, errors };
}
