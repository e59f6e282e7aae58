/** The simulated world: an organization, one live project per fixture language, documents, volunteers. */
import { randomBytes } from 'node:crypto';
import type { FieldSchemaDefinition, ScalarField } from '../contracts/field-schema.js';
import { cellPath, normalizeValue, rowCountPath } from '../crowd/domain/index.js';
import type { Db } from '../db/client.js';
import { documents, organizations, pages, projects } from '../db/schema.js';
import type { ProjectRow } from '../projects/repository.js';
import { Outbox } from '../realtime/publisher.js';
import { saveSchema } from '../schemas/save-schema.js';
import { createTasksForDocument } from '../tasks/create-tasks.js';
import { insertUser, type UserRow } from '../users/repository.js';
import { localeOf, printedHeader, printedRow, schemaFor } from './printed.js';
import type { Rng } from './random.js';
import type { Truth } from './truth.js';
import type { Profile, SimDoc } from './volunteer.js';

export interface SimProject {
  project: ProjectRow;
  schema: FieldSchemaDefinition;
}

export interface SimWorld {
  projects: SimProject[];
  /** By document id: what is printed and the true comparable of every path. */
  docs: Map<string, { sim: SimDoc; expected: Record<string, string>; project: SimProject }>;
  volunteers: { user: UserRow; profile: Profile }[];
}

export interface WorldOptions {
  documents: number;
  volunteers: number;
  errorRate: number;
  /** Share of much worse volunteers and how much worse. */
  badShare?: number;
  badFactor?: number;
}

function comparableOf(field: ScalarField | undefined, raw: string, locale: string): string {
  if (!field) return '';
  const r = normalizeValue(field, raw, locale);
  return r.ok ? r.comparable : '';
}

/** The true comparable of every path of a document. */
export function expectedOf(
  schema: FieldSchemaDefinition,
  sim: SimDoc,
  locale: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of schema.fields) {
    if (f.type !== 'table') out[f.key] = comparableOf(f, sim.header[f.key] ?? '', locale);
    else {
      out[rowCountPath(f.key)] = String(sim.rows.length);
      sim.rows.forEach((row, i) => {
        for (const c of f.columns) out[cellPath(f.key, i, c.key)] = comparableOf(c, row[c.key] ?? '', locale);
      });
    }
  }
  return out;
}

async function makeProject(db: Db, orgId: string, truth: Truth, editor: UserRow): Promise<SimProject> {
  const [project] = await db
    .insert(projects)
    .values({
      organizationId: orgId,
      slug: `sim-${truth.language}-${randomBytes(3).toString('hex')}`,
      title: `Simulation (${truth.language})`,
      status: 'live',
      locale: localeOf(truth),
      language: truth.language,
    })
    .returning();
  const view = await db.transaction((tx) =>
    saveSchema(tx, { projectId: project!.id, definition: schemaFor(truth), editorId: editor.id }),
  );
  return { project: project!, schema: view.schema };
}

async function addDocument(db: Db, p: SimProject, truth: Truth, index: number): Promise<string> {
  const [doc] = await db
    .insert(documents)
    .values({
      projectId: p.project.id,
      originalFilename: `${truth.document}-${index}.pdf`,
      sha256: randomBytes(16).toString('hex'),
      bytes: 1,
      storageKey: `sim/${index}`,
      pageCount: truth.pages.length,
      status: 'ready',
    })
    .returning();
  for (const page of truth.pages)
    await db.insert(pages).values({
      documentId: doc!.id,
      number: page.number,
      width: 595,
      height: 842,
      text: page.text,
      textSource: 'text-layer',
      status: 'done',
    });
  await db.transaction((tx) => createTasksForDocument(tx, new Outbox(), doc!.id));
  return doc!.id;
}

/** Builds the world in the database. */
export async function buildWorld(db: Db, truths: Truth[], o: WorldOptions, rng: Rng): Promise<SimWorld> {
  const [org] = await db
    .insert(organizations)
    .values({ slug: `sim-${randomBytes(4).toString('hex')}`, name: 'Simulation' })
    .returning();
  const editor = await insertUser(db, { displayName: 'Simulation editor', role: 'editor' });
  const byLanguage = new Map<string, SimProject>();
  for (const t of truths)
    if (!byLanguage.has(t.language)) byLanguage.set(t.language, await makeProject(db, org!.id, t, editor));
  const docs: SimWorld['docs'] = new Map();
  for (let i = 0; i < o.documents; i++) {
    const truth = truths[i % truths.length]!;
    const project = byLanguage.get(truth.language)!;
    const sim = { header: printedHeader(truth), rows: truth.items.map((item) => printedRow(truth, item)) };
    const id = await addDocument(db, project, truth, i);
    docs.set(id, { sim, expected: expectedOf(project.schema, sim, project.project.locale), project });
  }
  const volunteers: SimWorld['volunteers'] = [];
  const bad = Math.max(1, Math.round(o.volunteers * (o.badShare ?? 0.1)));
  for (let i = 0; i < o.volunteers; i++) {
    const user = await insertUser(db, { displayName: `Volunteer ${i + 1}`, role: 'volunteer' });
    const errorRate = i < bad ? Math.min(0.6, o.errorRate * (o.badFactor ?? 6)) : o.errorRate;
    volunteers.push({ user, profile: { id: user.id, errorRate } });
  }
  for (let i = volunteers.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [volunteers[i], volunteers[j]] = [volunteers[j]!, volunteers[i]!];
  }
  return { projects: [...byLanguage.values()], docs, volunteers };
}
