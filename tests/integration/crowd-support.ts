/** Crowd test data: a project with a field schema, documents with page text, and their tasks. */
import { randomBytes } from 'node:crypto';
import type { FieldSchemaDefinitionInput } from '../../backend/src/contracts/field-schema.js';
import type { Db } from '../../backend/src/db/client.js';
import { documents, pages, projects } from '../../backend/src/db/schema.js';
import { Outbox } from '../../backend/src/realtime/publisher.js';
import { saveSchema } from '../../backend/src/schemas/save-schema.js';
import { createTasksForDocument } from '../../backend/src/tasks/create-tasks.js';
import type { UserRow } from '../../backend/src/users/repository.js';
import { makeOrganization, makeProject, makeUser } from '../support/factories.js';
import { TestClient } from '../support/client.js';

export const SIMPLE_SCHEMA: FieldSchemaDefinitionInput = {
  fields: [
    { key: 'fecha', label: 'Fecha', type: 'date', required: true },
    { key: 'proveedor', label: 'Proveedor', type: 'entity', entityKind: 'supplier' },
    { key: 'dni', label: 'DNI', type: 'text', public: false },
    { key: 'total', label: 'Total', type: 'money', currency: 'ARS' },
    {
      key: 'items',
      label: 'Ítems',
      type: 'table',
      columns: [
        { key: 'concepto', label: 'Concepto', type: 'text' },
        { key: 'importe', label: 'Importe', type: 'money', currency: 'ARS' },
      ],
    },
  ],
  checks: [{ type: 'sum', table: 'items', column: 'importe', equals: 'total' }],
};

export const PAGE_TEXT = 'Rendición 05/03/2024 Librería Sur S.A. Total 150,00 Papel 100,00 Tinta 50,00';

export const GOOD = {
  fecha: '05/03/2024',
  proveedor: 'Librería Sur S.A.',
  dni: '12345678',
  total: '150,00',
  items: [
    { concepto: 'Papel', importe: '100,00' },
    { concepto: 'Tinta', importe: '50,00' },
  ],
};

const unique = () => randomBytes(4).toString('hex');

export interface CrowdWorld {
  editor: UserRow;
  organizationId: string;
  project: typeof projects.$inferSelect;
  taskIds: string[];
}

/** A live project with the schema and `docs` single-page documents (one task each). */
export async function makeCrowdWorld(
  db: Db,
  options: {
    docs?: number;
    schema?: FieldSchemaDefinitionInput;
    project?: Partial<typeof projects.$inferInsert>;
  } = {},
): Promise<CrowdWorld> {
  const editor = await makeUser(db, 'editor');
  const org = await makeOrganization(db, [editor]);
  const project = await makeProject(db, org.id, { agreeK: 2, maxTranscriptions: 5, ...options.project });
  await db.transaction((tx) =>
    saveSchema(tx, {
      projectId: project.id,
      definition: options.schema ?? SIMPLE_SCHEMA,
      editorId: editor.id,
    }),
  );
  const taskIds: string[] = [];
  for (let i = 0; i < (options.docs ?? 1); i++) {
    const [doc] = await db
      .insert(documents)
      .values({
        projectId: project.id,
        originalFilename: `d${i}.pdf`,
        sha256: unique(),
        bytes: 10,
        storageKey: `k/${unique()}`,
        pageCount: 1,
        status: 'ready',
      })
      .returning();
    await db
      .insert(pages)
      .values({ documentId: doc!.id, number: 1, width: 612, height: 792, text: PAGE_TEXT, status: 'done' });
    const created = await db.transaction((tx) => createTasksForDocument(tx, new Outbox(), doc!.id));
    taskIds.push(...created.map((t) => t.id));
  }
  return { editor, organizationId: org.id, project, taskIds };
}

/** A signed-in volunteer client. */
export async function volunteer(url: string, db: Db): Promise<{ client: TestClient; user: UserRow }> {
  const user = await makeUser(db, 'volunteer');
  const client = new TestClient(url);
  await client.logIn(user.email!);
  return { client, user };
}

/** Leases the next task of a project. */
export function next(client: TestClient, slug: string) {
  return client.post(`/api/v1/projects/${slug}/tasks/next`);
}

/** Submits values to a task with a fresh client submission id. */
export function submit(
  client: TestClient,
  taskId: string,
  values: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return client.post(`/api/v1/tasks/${taskId}/transcriptions`, {
    clientSubmissionId: `sub-${unique()}-${unique()}`,
    values,
    ...extra,
  });
}
