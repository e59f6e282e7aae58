/** Leaderboards, a person's contributions, and a project's latest verified records. */
import { Router } from 'express';
import { z } from 'zod';
import { requireUser } from '../auth/policy.js';
import { slugSchema } from '../contracts/projects.js';
import type { AppContext } from '../http/context.js';
import { parseInput } from '../http/validate.js';
import { loadVisibleProject } from '../projects/access.js';
import { presentRecords } from './present-records.js';
import {
  latestRecords,
  organizationBoard,
  peopleBoard,
  recordsOfContributor,
  transcriptionCount,
} from './repository.js';

const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

/** Routers mounted at /projects and /me. */
export function leaderboardRoutes(ctx: AppContext): { projects: Router; me: Router } {
  const { db } = ctx.database;
  const projects = Router();
  const me = Router();

  projects.get('/:slug/leaderboard', async (req, res) => {
    const { project } = await loadVisibleProject(db, req, parseInput(slugSchema, req.params.slug, 'slug'));
    const people = await peopleBoard(db, project.id);
    const organizations = await organizationBoard(db, project.id);
    res.json({
      people: people.map((p) => ({
        displayName: p.isGuest ? 'Anonymous' : p.displayName,
        transcriptions: p.transcriptions,
        verified: p.verified,
      })),
      organizations: organizations.map((o) => ({
        name: o.name,
        slug: o.slug,
        transcriptions: o.transcriptions,
        verified: o.verified,
      })),
    });
  });

  projects.get('/:slug/records', async (req, res) => {
    const { project, canEdit } = await loadVisibleProject(
      db,
      req,
      parseInput(slugSchema, req.params.slug, 'slug'),
    );
    const { limit } = parseInput(limitQuery, req.query, 'query');
    const embargoed = project.embargoUntil !== null && project.embargoUntil > ctx.clock.now() && !canEdit;
    const rows = embargoed ? [] : await latestRecords(db, project.id, limit);
    res.json({
      records: await presentRecords(db, rows),
      embargoUntil: project.embargoUntil?.toISOString() ?? null,
    });
  });

  me.get('/contributions', async (req, res) => {
    const user = requireUser(req);
    const { limit } = parseInput(limitQuery, req.query, 'query');
    const rows = await recordsOfContributor(db, user.id, limit);
    res.json({
      transcriptions: await transcriptionCount(db, user.id),
      // Field entries that met a settled value (crowd-verified or gold), and the share that agreed.
      verifiedFields: Math.round(user.reliabilityTotal),
      agreementRate: user.reliabilityTotal > 0 ? user.reliabilityAgree / user.reliabilityTotal : null,
      records: await presentRecords(db, rows),
    });
  });

  return { projects, me };
}
