/** Every router of the crowd engine with its mount point under /api/v1. */
import type { Router } from 'express';
import type { AppContext } from '../http/context.js';
import { entityRoutes } from '../entities/routes.js';
import { leaderboardRoutes } from '../leaderboards/routes.js';
import { reviewRoutes } from '../reviews/routes.js';
import { schemaRoutes } from '../schemas/routes.js';
import { taskRoutes } from '../tasks/routes.js';

/** Mount points and routers, in order (leasing and submitting ahead of every other route). */
export function crowdRouters(ctx: AppContext): Array<[string, Router, { first: true }?]> {
  const tasks = taskRoutes(ctx);
  const reviews = reviewRoutes(ctx);
  const boards = leaderboardRoutes(ctx);
  return [
    ['/projects', entityRoutes(ctx)],
    ['/projects', boards.projects],
    ['/me', boards.me],
    ['/projects', reviews.projects],
    ['/reviews', reviews.reviews],
    ['/projects', schemaRoutes(ctx)],
    ['/projects', tasks.projects, { first: true }],
    ['/tasks', tasks.tasks, { first: true }],
  ];
}
