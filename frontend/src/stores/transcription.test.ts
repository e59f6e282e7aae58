import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import { useDraftStorage, useTranscriptionStore } from './transcription';
import type { DraftStorage } from './drafts';
import { tasksService, type Task } from '../services/tasks';
import { ApiError } from '../services/http';

function memory(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const task = (id: string, fields: string[] = []): Task => ({
  id,
  projectSlug: 'demo',
  documentId: `doc-${id}`,
  pageNumber: 1,
  pages: [{ number: 1, width: 600, height: 800, imageUrl: '/i', thumbnailUrl: '/t', wordsUrl: '/w' }],
  fields,
  schemaId: 's1',
  leaseExpiresAt: '2026-01-01T00:10:00Z',
  isGold: false,
  schema: {
    fields: [
      { key: 'proveedor', type: 'text', label: 'Proveedor', required: true, verify: true, public: true },
      { key: 'importe', type: 'money', label: 'Importe', required: true, verify: true, public: true },
      { key: 'pagado', type: 'boolean', label: 'Pagado', required: false, verify: true, public: true },
    ],
    checks: [],
  },
});

describe('transcription store', () => {
  let storage: ReturnType<typeof memory>;

  beforeEach(() => {
    setActivePinia(createPinia());
    jest.restoreAllMocks();
    storage = memory();
    useDraftStorage(storage);
  });

  it('leases a task, prefetches the next one, and starts with empty values', async () => {
    const next = jest
      .spyOn(tasksService, 'next')
      .mockResolvedValueOnce({ task: task('t1') })
      .mockResolvedValueOnce({ task: task('t2') });
    const store = useTranscriptionStore();
    await store.start('demo');
    await Promise.resolve();
    expect(store.state).toBe('ready');
    expect(store.task?.id).toBe('t1');
    expect(store.values).toEqual({ proveedor: '', importe: '', pagado: '' });
    await new Promise((r) => setTimeout(r, 0));
    expect(next).toHaveBeenCalledTimes(2);
    expect(store.nextTask?.id).toBe('t2');
  });

  it('does not keep a prefetch that is the task already in hand', async () => {
    jest.spyOn(tasksService, 'next').mockResolvedValue({ task: task('t1') });
    const store = useTranscriptionStore();
    await store.start('demo');
    await new Promise((r) => setTimeout(r, 0));
    expect(store.nextTask).toBeNull();
  });

  it('shows "no task" when the project has nothing left', async () => {
    jest.spyOn(tasksService, 'next').mockRejectedValue(new ApiError(404, 'no_task_available', 'none'));
    const store = useTranscriptionStore();
    await store.start('demo');
    expect(store.state).toBe('no_task');
    expect(store.task).toBeNull();
  });

  it('keeps a draft in storage and restores it when the task comes back', async () => {
    jest.spyOn(tasksService, 'next').mockResolvedValue({ task: task('t1') });
    const first = useTranscriptionStore();
    await first.start('demo');
    first.setValue('proveedor', 'Imprenta Sur');
    expect(JSON.parse(storage.map.get('cotejo:draft:t1') ?? '{}')).toMatchObject({
      values: { proveedor: 'Imprenta Sur' },
    });

    setActivePinia(createPinia());
    const again = useTranscriptionStore();
    await again.start('demo');
    expect(again.values.proveedor).toBe('Imprenta Sur');
    expect(again.draftRestored).toBe(true);
  });

  it('refuses to send while required fields are empty, without calling the server', async () => {
    jest.spyOn(tasksService, 'next').mockResolvedValue({ task: task('t1') });
    const submit = jest.spyOn(tasksService, 'submit');
    const store = useTranscriptionStore();
    await store.start('demo');
    expect(await store.submit()).toBe(false);
    expect(submit).not.toHaveBeenCalled();
    expect(store.problems.proveedor?.code).toBe('required');
    expect(store.showErrors).toBe(true);
  });

  it('sends values, markers and sources, clears the draft and moves to the prefetched task', async () => {
    jest
      .spyOn(tasksService, 'next')
      .mockResolvedValueOnce({ task: task('t1') })
      .mockResolvedValueOnce({ task: task('t2') })
      .mockResolvedValue({ task: task('t3') });
    const submit = jest.spyOn(tasksService, 'submit').mockResolvedValue({ transcription: { id: 'tr1' } });
    const store = useTranscriptionStore();
    await store.start('demo');
    await new Promise((r) => setTimeout(r, 0));
    store.setValue('proveedor', 'Imprenta', 'ocr');
    store.setValue('importe', '1.234,56');
    store.setValue('pagado', 'true');
    expect(await store.submit()).toBe(true);
    const [taskId, body] = submit.mock.calls[0]!;
    expect(taskId).toBe('t1');
    expect(body.values).toEqual({ proveedor: 'Imprenta', importe: '1.234,56', pagado: true });
    expect(body.sources).toEqual({ proveedor: 'ocr', importe: 'typed', pagado: 'typed' });
    expect(body.clientSubmissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(storage.map.has('cotejo:draft:t1')).toBe(false);
    expect(store.task?.id).toBe('t2');
    expect(store.didWorkOn('t1')).toBe(true);
    expect(store.completedCount).toBe(1);
  });

  it('sends a field marked illegible without a value', async () => {
    jest.spyOn(tasksService, 'next').mockResolvedValue({ task: task('t1') });
    const submit = jest.spyOn(tasksService, 'submit').mockResolvedValue({ transcription: { id: 'tr1' } });
    const store = useTranscriptionStore();
    await store.start('demo');
    store.setValue('proveedor', 'Imprenta');
    store.setMarker('importe', 'illegible');
    expect(await store.submit()).toBe(true);
    const body = submit.mock.calls[0]![1];
    expect(body.values).toEqual({ proveedor: 'Imprenta' });
    expect(body.markers).toEqual({ importe: 'illegible' });
  });

  it('shows the server refusal per field and keeps the task', async () => {
    jest.spyOn(tasksService, 'next').mockResolvedValue({ task: task('t1') });
    jest.spyOn(tasksService, 'submit').mockRejectedValue(
      new ApiError(422, 'validation_failed', 'invalid', {
        fieldErrors: [{ path: 'importe', code: 'invalid_money', message: 'not money' }],
      }),
    );
    const store = useTranscriptionStore();
    await store.start('demo');
    store.setValue('proveedor', 'Imprenta');
    store.setValue('importe', '12');
    expect(await store.submit()).toBe(false);
    expect(store.problems.importe?.code).toBe('invalid_money');
    expect(store.task?.id).toBe('t1');
    expect(store.submitting).toBe(false);
    store.setValue('importe', '13');
    expect(store.problems.importe).toBeUndefined();
  });

  it('asks only the disputed fields of a partial task', async () => {
    jest.spyOn(tasksService, 'next').mockResolvedValue({ task: task('t1', ['importe']) });
    const store = useTranscriptionStore();
    await store.start('demo');
    expect(store.fields.map((f) => f.key)).toEqual(['importe']);
    expect(store.isPartial).toBe(true);
  });

  it('skips to another task', async () => {
    jest
      .spyOn(tasksService, 'next')
      .mockResolvedValueOnce({ task: task('t1') })
      .mockRejectedValueOnce(new ApiError(404, 'no_task_available', 'none'))
      .mockResolvedValue({ task: task('t9') });
    const skip = jest.spyOn(tasksService, 'skip').mockResolvedValue(undefined);
    const store = useTranscriptionStore();
    await store.start('demo');
    await new Promise((r) => setTimeout(r, 0));
    await store.skip();
    expect(skip).toHaveBeenCalledWith('t1');
    expect(store.task?.id).toBe('t9');
  });
});

describe('partial tasks with disputed table cells', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    jest.restoreAllMocks();
    useDraftStorage(memory());
  });

  it('asks each disputed cell as its own field and sends it back by path', async () => {
    const t = task('p1', ['items[1].importe']);
    t.schema.fields.push({
      key: 'items',
      type: 'table',
      label: { es: 'Ítems', en: 'Items' },
      columns: [
        { key: 'detalle', type: 'text', label: 'Detalle', required: false, verify: true, public: true },
        { key: 'importe', type: 'money', label: 'Importe', required: true, verify: true, public: true },
      ],
      minRows: 0,
      required: false,
      verify: true,
      public: true,
    });
    jest.spyOn(tasksService, 'next').mockResolvedValue({ task: t });
    const submit = jest.spyOn(tasksService, 'submit').mockResolvedValue({ transcription: { id: 'x' } });
    const store = useTranscriptionStore();
    await store.start('demo');
    expect(store.fields.map((f) => f.key)).toEqual(['items[1].importe']);
    expect(store.fields[0]?.label).toEqual({ es: 'Ítems · fila 2 · Importe', en: 'Items · row 2 · Importe' });
    store.setValue('items[1].importe', '10,50');
    await store.submit();
    expect(submit.mock.calls[0]![1].values).toEqual({ 'items[1].importe': '10,50' });
  });
});
