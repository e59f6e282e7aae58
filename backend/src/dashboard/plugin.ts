/** The newsroom console's backend routers (dashboard, invitations) with their mount points. */
import type { Router } from 'express';
import type { AppContext } from '../http/context.js';
import { invitationRoutes, organizationInvitationRoutes } from '../invitations/routes.js';
import { dashboardRoutes } from './routes.js';

/** Mount points under /api/v1 and routers. */
export function consoleRouters(ctx: AppContext): Array<[string, Router]> {
  return [
    ['/projects', dashboardRoutes(ctx)],
    ['/organizations', organizationInvitationRoutes(ctx)],
    ['/invitations', invitationRoutes(ctx)],
  ];
}
