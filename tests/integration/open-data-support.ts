/** Open-data test data: a project with a schema (private fields included), documents, pages, records. */
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import type { FieldSchemaDefinitionInput } from '../../backend/src/contracts/field-schema.js';
import type { Db } from '../../backend/src/db/client.js';
import { documents, fieldSchemas, pages, projects, records, tasks } from '../../backend/src/db/schema.js';
import type { UserRow } from '../../backend/src/users/repository.js';
import { makeOrganization, makeProject, makeUser } from '../support/factories.js';

export const OPEN_SCHEMA: FieldSchemaDefinitionInput = {
  fields: [
    { key: 'fecha', label: 'Fecha', type: 'date' },
    { key: 'proveedor', label: 'Proveedor', type: 'entity', entityKind: 'supplier' },
    { key: 'cuit', label: 'CUIT', type: 'tax_id', country: 'AR' },
    { key: 'dni', label: 'DNI', type: 'text', public: false },
    { key: 'importe', label: 'Importe', type: 'money', currency: 'ARS' },
    { key: 'pagado', label: 'Pagado', type: 'boolean' },
    {
      key: 'items',
      label: 'Ítems',
      type: 'table',
      columns: [
        { key: 'concepto', label: 'Concepto', type: 'text' },
        { key: 'monto', label: 'Monto', type: 'money', currency: 'ARS' },
        { key: 'nota', label: 'Nota', type: 'text', public: false },
      ],
    },
  ],
};

export interface RecordSpec {
  fecha: string;
  proveedor: string;
  importe: string;
  dni?: string;
  pagado?: boolean;
}

export const SECRET_DNI = '27123456';

export const DEFAULT_RECORDS: RecordSpec[] = [
  { fecha: '2024-01-15', proveedor: 'Librería Sur S.A.', importe: '0.10' },
  { fecha: '2024-01-20', proveedor: 'Librería Sur S.A.', importe: '0.20' },
  { fecha: '2024-02-03', proveedor: 'Café "El Ñandú", SRL', importe: '1234567.89' },
  { fecha: '2024-02-28', proveedor: 'Transportes Norte', importe: '99.99', pagado: false },
  { fecha: '2024-03-01', proveedor: 'Transportes Norte', importe: '0.01' },
];

const unique = () => randomBytes(4).toString('hex');

/** Inserts a record (with one line item) for a task of a document. */
export async function addRecord(
  db: Db,
  ids: { projectId: string; documentId: string; taskId: string },
  spec: RecordSpec,
) {
  const [row] = await db
    .insert(records)
    .values({
      ...ids,
      pageNumber: 1,
      region: { x: 0.1, y: 0.2, w: 0.3, h: 0.1 },
      agreement: 1,
      contributorCount: 3,
      reviewed: spec.pagado === false,
      values: {
        fecha: spec.fecha,
        proveedor: spec.proveedor,
        cuit: '30712345678',
        dni: spec.dni ?? SECRET_DNI,
        importe: { amount: spec.importe, currency: 'ARS' },
        pagado: spec.pagado ?? true,
        items: [
          {
            concepto: `Papel, "A4"\nresma`,
            monto: { amount: spec.importe, currency: 'ARS' },
            nota: 'nota secreta',
          },
        ],
      },
    })
    .returning();
  return row!;
}

/** A live project of a fresh organization with an editor, one document with a page, and records. */
export async function seedOpenData(
  db: Db,
  options: {
    records?: RecordSpec[];
    project?: Partial<typeof projects.$inferInsert>;
    pageText?: string;
  } = {},
) {
  const editor: UserRow = await makeUser(db, 'editor');
  const org = await makeOrganization(db, [editor]);
  const project = await makeProject(db, org.id, {
    slug: `od-${unique()}`,
    title: 'Gastos 2024',
    ...options.project,
  });
  await db.insert(fieldSchemas).values({ projectId: project.id, version: 1, definition: OPEN_SCHEMA });
  const [document] = await db
    .insert(documents)
    .values({
      projectId: project.id,
      originalFilename: 'rendicion-enero.pdf',
      sha256: randomBytes(32).toString('hex'),
      bytes: 1234,
      storageKey: 'documents/x/original.pdf',
      pageCount: 1,
      status: 'ready',
    })
    .returning();
  await db.insert(pages).values({
    documentId: document!.id,
    number: 1,
    width: 595,
    height: 842,
    status: 'done',
    text:
      options.pageText ??
      `Rendición de gastos. Librería Sur S.A. papelería. DNI ${SECRET_DNI.slice(0, 2)}.${SECRET_DNI.slice(2, 5)}.${SECRET_DNI.slice(5)} Total 150,00`,
  });
  const [task] = await db
    .insert(tasks)
    .values({ projectId: project.id, documentId: document!.id, status: 'complete' })
    .returning();
  const ids = { projectId: project.id, documentId: document!.id, taskId: task!.id };
  for (const spec of options.records ?? DEFAULT_RECORDS) await addRecord(db, ids, spec);
  return { editor, org, project, document: document!, ids };
}

/** The entries of a ZIP archive (name → inflated bytes), read through its central directory. */
export function readZip(buffer: Buffer): Map<string, Buffer> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const offset = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = offset + 30 + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
    const data = buffer.subarray(local, local + compressed);
    const content = method === 8 ? inflateRawSync(data) : data;
    if (content.length !== size) throw new Error(`size mismatch in ${name}`);
    out.set(name, content);
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

/** A stream that keeps what is written to it (an export's output), read back as text. */
export function collect() {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}
