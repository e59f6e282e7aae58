/**
 * The domains that plug routes and background services into the server. Kept in one place so
 * `cotejo serve` and the tests start the same application.
 */
import { progressTickerFor } from './crowd/progress-ticker.js';
import { crowdRouters } from './crowd/routers.js';
import { consoleRouters } from './dashboard/plugin.js';
import { documentsPlugin } from './documents/plugin.js';
import { openDataRouters } from './open-data/plugin.js';
import type { ServerPlugins } from './server.js';
import { startLeaseSweeper } from './tasks/release-expired.js';

/** Routers and background services of every domain beyond the foundation. */
export function serverPlugins(): ServerPlugins {
  const documents = documentsPlugin();
  return {
    // Open data first: its GET /projects/:slug/records (researcher API) answers the crowd feed's
    // queries too (same `records[].id/values/provenance`).
    routers: (ctx) => [
      ...openDataRouters(ctx),
      ...crowdRouters(ctx),
      ...documents.routers(ctx),
      ...consoleRouters(ctx),
    ],
    background: async (ctx) => [
      startLeaseSweeper(ctx),
      progressTickerFor(ctx),
      ...(await documents.background(ctx)),
    ],
  };
}
