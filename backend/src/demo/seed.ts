/**
 * The demo seeded on first start, so a newcomer sees a live project at once. It runs once: a
 * `settings` row records that it ran, and an operator who deletes the demo does not get it back.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { organizations, projects, settings } from '../db/schema.js';

export const DEMO_ORG_SLUG = 'cotejo-demo';
export const DEMO_PROJECT_SLUG = 'gastos-demo';

const DESCRIPTION = `Rendiciones de gastos de un organismo público **ficticio**, generadas por Cotejo para
practicar. Cada comprobante se transcribe de forma independiente por varias personas; un dato
cuenta cuando coinciden.

Why it matters: public spending is only accountable when it can be added up. Every value in the
dataset links back to the page it came from.`;

/** Seeds the demo organization and project unless it ran before; returns whether it ran now. */
export async function seedDemo(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const done = await tx.select().from(settings).where(eq(settings.key, 'demo_seeded')).limit(1);
    if (done.length) return false;
    const [org] = await tx
      .insert(organizations)
      .values({ slug: DEMO_ORG_SLUG, name: 'Cotejo Demo' })
      .onConflictDoNothing()
      .returning();
    const orgId =
      org?.id ?? (await tx.select().from(organizations).where(eq(organizations.slug, DEMO_ORG_SLUG)))[0]!.id;
    await tx
      .insert(projects)
      .values({
        organizationId: orgId,
        slug: DEMO_PROJECT_SLUG,
        title: 'Gastos legislativos (demo)',
        description: DESCRIPTION,
        language: 'es',
        locale: 'es-AR',
        status: 'live',
        agreeK: 2,
        maxTranscriptions: 5,
        taskGranularity: 'document',
        ocrLanguages: 'spa',
      })
      .onConflictDoNothing();
    await tx.insert(settings).values({ key: 'demo_seeded', value: { at: new Date().toISOString() } });
    return true;
  });
}
