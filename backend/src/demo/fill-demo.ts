/**
 * Completes the demo project seeded by `seedDemo` so a newcomer sees every console screen with
 * real content: fixture expense reports imported through the pipeline, a field schema, simulated
 * volunteers whose transcriptions verify most records, one total left in dispute for the review
 * queue, and a published release. Runs once (a `settings` row records it) and needs the pipeline
 * workers running in the same deployment (it waits for the documents to be processed), so call
 * it after `cotejo serve` has started its background services, without blocking start-up.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import type { FieldSchemaDefinitionInput } from '../contracts/field-schema.js';
import { documents, memberships, settings, tasks } from '../db/schema.js';
import { importFiles } from '../documents/import-files.js';
import type { PipelineDeps } from '../documents/pipeline.js';
import { createPipelineRuntime } from '../documents/service.js';
import type { AppContext } from '../http/context.js';
import { findProjectBySlug } from '../projects/repository.js';
import { inTransaction } from '../realtime/publisher.js';
import { publishRelease } from '../releases/publish-release.js';
import { releaseStorage } from '../releases/storage.js';
import { saveSchema } from '../schemas/save-schema.js';
import { submitTranscription } from '../transcriptions/submit.js';
import { insertUser, type UserRow } from '../users/repository.js';
import { DEMO_PROJECT_SLUG } from './seed.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/born-digital');
const DONE_KEY = 'demo_filled';
const VOLUNTEERS = 6;
/** The document (by import order) whose total volunteers never agree on. */
const DISPUTED_DOCUMENT = 2;
/** The document (the shortest) left untouched, so that a newcomer has a task to transcribe. */
const OPEN_DOCUMENT = 0;

export const DEMO_SCHEMA: FieldSchemaDefinitionInput = {
  fields: [
    { key: 'fecha', label: { es: 'Fecha de la rendición', en: 'Report date' }, type: 'date', required: true },
    {
      key: 'funcionario',
      label: { es: 'Funcionario', en: 'Official' },
      type: 'entity',
      entityKind: 'official',
    },
    { key: 'expediente', label: { es: 'Expediente', en: 'File number' }, type: 'text' },
    {
      key: 'total',
      label: { es: 'Total rendido', en: 'Total' },
      type: 'money',
      currency: 'ARS',
      required: true,
      hint: { es: 'El importe final, al pie.', en: 'The final amount, at the bottom.' },
    },
    {
      key: 'items',
      label: { es: 'Comprobantes', en: 'Receipts' },
      type: 'table',
      columns: [
        { key: 'fecha', label: { es: 'Fecha', en: 'Date' }, type: 'date' },
        {
          key: 'proveedor',
          label: { es: 'Proveedor', en: 'Supplier' },
          type: 'entity',
          entityKind: 'supplier',
        },
        { key: 'concepto', label: { es: 'Concepto', en: 'Item' }, type: 'text' },
        { key: 'importe', label: { es: 'Importe', en: 'Amount' }, type: 'money', currency: 'ARS' },
      ],
    },
  ],
  checks: [{ type: 'sum', table: 'items', column: 'importe', equals: 'total', toleranceCents: 1 }],
};

interface Truth {
  fields: Record<string, string>;
  items: Record<string, string | null>[];
}

export interface FillDemoOptions {
  /** The pipeline the server runs; built from `ctx` when omitted (its storage is the same directory). */
  pipeline?: Pick<PipelineDeps, 'db' | 'publisher' | 'storage' | 'limits' | 'enqueued'>;
  fixturesDir?: string;
  /** How long to wait for the documents to be processed. */
  timeoutMs?: number;
}

export interface FillDemoResult {
  filled: boolean;
  documents: number;
  transcriptions: number;
  release: string | null;
}

/** `1587026.87` → `1.587.026,87`, as a volunteer reads it on an Argentine page. */
export function moneyAsPrinted(decimal: string): string {
  const [int = '0', cents = '00'] = decimal.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents.padEnd(2, '0')}`;
}

const dateAsPrinted = (iso: string) => iso.split('-').reverse().join('/');

function valuesOf(truth: Truth): Record<string, unknown> {
  return {
    fecha: dateAsPrinted(truth.fields.fecha ?? ''),
    funcionario: truth.fields.funcionario ?? '',
    expediente: truth.fields.expediente ?? '',
    total: moneyAsPrinted(truth.fields.total ?? '0'),
    items: truth.items.map((i) => ({
      fecha: dateAsPrinted(i.fecha ?? ''),
      proveedor: i.proveedor ?? '',
      concepto: i.concepto ?? '',
      importe: moneyAsPrinted(i.importe ?? '0'),
    })),
  };
}

/** A value by path: `total`, or a cell `items[2].importe`. */
function valueAt(values: Record<string, unknown>, fieldPath: string): unknown {
  const cell = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(fieldPath);
  if (!cell) return values[fieldPath];
  const rows = values[cell[1]!] as Record<string, unknown>[] | undefined;
  return rows?.[Number(cell[2])]?.[cell[3]!];
}

/** The values a partial task asks for: cells by path, a whole table when its rows are re-asked. */
function partialValues(values: Record<string, unknown>, wanted: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of wanted) {
    const rows = /^(\w+)#rows$/.exec(p);
    if (rows) out[rows[1]!] = values[rows[1]!];
    else out[p] = valueAt(values, p);
  }
  return out;
}

async function waitForDocuments(ctx: AppContext, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await ctx.database.db
      .select({ status: documents.status })
      .from(documents)
      .where(inArray(documents.id, ids));
    if (rows.every((r) => r.status === 'ready' || r.status === 'failed')) return;
    if (Date.now() > deadline) throw new Error('fillDemo: the demo documents were not processed in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function makePeople(ctx: AppContext, organizationId: string) {
  const db = ctx.database.db;
  const editor = await insertUser(db, { email: null, displayName: 'Redacción demo', role: 'editor' });
  await db.insert(memberships).values({ organizationId, userId: editor.id, role: 'editor' });
  const volunteers: UserRow[] = [];
  for (let i = 1; i <= VOLUNTEERS; i++)
    volunteers.push(
      // Experienced volunteers (a good agreement record), so two matching readings verify a value.
      await insertUser(db, {
        email: null,
        displayName: `Voluntaria demo ${i}`,
        role: 'volunteer',
        reliabilityAgree: 40,
        reliabilityTotal: 40,
      }),
    );
  return { editor, volunteers };
}

/**
 * Each simulated volunteer answers every still-open task of the answered documents once, without
 * leasing (a submission to an open task that needs more work is accepted), so the documents left
 * unanswered stay untouched for newcomers. Returns the count sent.
 */
async function simulate(
  ctx: AppContext,
  volunteers: UserRow[],
  answers: Map<string, { values: Record<string, unknown>; disputed: boolean }>,
): Promise<number> {
  const db = ctx.database.db;
  const submit = { db, publisher: ctx.publisher, clock: ctx.clock };
  let sent = 0;
  for (const [n, user] of volunteers.entries()) {
    for (const [documentId, answer] of answers) {
      const open = await db
        .select()
        .from(tasks)
        .where(and(eq(tasks.documentId, documentId), eq(tasks.isGold, false), eq(tasks.status, 'open')));
      for (const task of open) {
        // On the disputed document everyone reads the total differently (a smudged last digit).
        const values = answer.disputed
          ? { ...answer.values, total: String(answer.values.total).replace(/\d(?=,)/, String((n + 3) % 10)) }
          : answer.values;
        const partial = task.wantedFields ? partialValues(values, task.wantedFields) : values;
        await submitTranscription(submit, task.id, user, {
          clientSubmissionId: `demo-${randomUUID()}`,
          values: partial,
          markers: {},
          sources: {},
          secondsSpent: 60 + n * 7,
        });
        sent++;
      }
    }
  }
  return sent;
}

/** Fills the demo project once; a no-op when it ran before or the demo project is gone. */
export async function fillDemo(ctx: AppContext, options: FillDemoOptions = {}): Promise<FillDemoResult> {
  const db = ctx.database.db;
  const none: FillDemoResult = { filled: false, documents: 0, transcriptions: 0, release: null };
  if ((await db.select().from(settings).where(eq(settings.key, DONE_KEY)).limit(1)).length) return none;
  const project = await findProjectBySlug(db, DEMO_PROJECT_SLUG);
  if (!project) return none;
  await db.insert(settings).values({ key: DONE_KEY, value: { startedAt: ctx.clock.now().toISOString() } });

  const { editor, volunteers } = await makePeople(ctx, project.organizationId);
  await inTransaction(db, ctx.publisher, (tx) =>
    saveSchema(tx, { projectId: project.id, definition: DEMO_SCHEMA, editorId: editor.id }),
  );

  const dir = options.fixturesDir ?? FIXTURES;
  const files = readdirSync(dir)
    .filter((f) => /^rendicion-.*\.pdf$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
  const pipeline = options.pipeline ?? createPipelineRuntime(ctx).deps;
  const imported = await importFiles(pipeline, project, files);
  const ids = imported.flatMap((r) => (r.documentId ? [r.documentId] : []));
  await waitForDocuments(ctx, ids, options.timeoutMs ?? 180_000);

  const answers = new Map<string, { values: Record<string, unknown>; disputed: boolean }>();
  imported.forEach((r, i) => {
    if (!r.documentId || i === OPEN_DOCUMENT) return;
    const truth = JSON.parse(readFileSync(r.file.replace(/\.pdf$/, '.truth.json'), 'utf8')) as Truth;
    answers.set(r.documentId, { values: valuesOf(truth), disputed: i === DISPUTED_DOCUMENT });
  });
  const sent = await simulate(ctx, volunteers, answers);
  const inReview = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.status, 'review'));
  const row = await publishRelease({ db, storage: releaseStorage(ctx.config), clock: ctx.clock }, project, {
    version: '1.0.0',
    notes: 'Primera versión de la demo: rendiciones verificadas por voluntarios simulados.',
    publishedBy: editor.id,
  });
  await db
    .update(settings)
    .set({ value: { at: ctx.clock.now().toISOString(), documents: ids.length, inReview: inReview.length } })
    .where(eq(settings.key, DONE_KEY));
  return { filled: true, documents: ids.length, transcriptions: sent, release: row.version };
}
