/**
 * The domains that plug routes and background services into the server. Kept in one place so
 * `cotejo serve` and the tests start the same application.
 */
import { progressTickerFor } from './crowd/progress-ticker.js';
import { crowdRouters } from './crowd/routers.js';
import { consoleRouters } from './dashboard/plugin.js';
import { fillDemo } from './demo/fill-demo.js';
import { documentsPlugin } from './documents/plugin.js';
import { openDataRouters } from './open-data/plugin.js';
import { ensureAllFieldIndexes } from './open-data/field-indexes.js';
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
    // The demo's documents go through the real pipeline, so fill it once the workers run; in the
    // background, so that the server answers at once (a newcomer sees the project fill up live).
    afterStart: (ctx) => {
      // Records field indexes of schemas saved while no process ran (or whose build was cut off).
      void ensureAllFieldIndexes(ctx.database, ctx.logger).catch((err: unknown) =>
        ctx.logger.warn({ err }, 'could not check records field indexes'),
      );
      if (!ctx.config.COTEJO_DEMO || !ctx.config.COTEJO_DEMO_CONTENT) return Promise.resolve();
      void fillDemo(ctx, { pipeline: documents.runtime(ctx) }).then(
        (result) => result.filled && ctx.logger.info(result, 'filled the demo project'),
        (err: unknown) => ctx.logger.error({ err }, 'could not fill the demo project'),
      );
      return Promise.resolve();
    },
  };
}
