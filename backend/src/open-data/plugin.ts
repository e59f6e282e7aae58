/** The open-data routers (records, releases, search, API description) with their mount points. */
import type { Router } from 'express';
import type { AppContext } from '../http/context.js';
import { openApiRoutes } from '../openapi/routes.js';
import { releaseRoutes } from '../releases/routes.js';
import { searchRoutes } from '../search/routes.js';
import { publicLimitsFromEnv, publicRateLimit, type PublicLimits } from './http.js';
import { openDataRoutes } from './routes.js';

/** Mount points under /api/v1 and routers. */
export function openDataRouters(
  ctx: AppContext,
  limits: PublicLimits = publicLimitsFromEnv(),
): Array<[string, Router]> {
  // One budget per caller across every public read (records, releases, search).
  const rateLimit = publicRateLimit(limits);
  return [
    ['/projects', openDataRoutes(ctx, rateLimit)],
    ['/projects', releaseRoutes(ctx, rateLimit)],
    ['/search', searchRoutes(ctx, rateLimit)],
    ['/', openApiRoutes(ctx)],
  ];
}
