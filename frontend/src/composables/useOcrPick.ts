// Words picked on the page go into the focused field: a text-like field, or one cell of a table
// (`key[row].column`); Shift appends to what is there.
import type { ComputedRef, Ref } from 'vue';
import { useTranscriptionStore } from '../stores/transcription';
import { fieldRegistry } from '../fields/registry';
import type { TableRowValue } from '../services/tasks';

type FieldDefinition = ReturnType<typeof useTranscriptionStore>['fields'][number];

/** A `pick(text, append)` handler that writes into the field at `focusedPath`. */
export function useOcrPick(
  focusedPath: Ref<string | null>,
  focusedField: ComputedRef<FieldDefinition | undefined>,
) {
  const store = useTranscriptionStore();
  return function onPick(text: string, append: boolean): void {
    const path = focusedPath.value;
    const field = focusedField.value;
    if (!path || !field || !fieldRegistry[field.type].acceptsOcr) return;
    const cell = /^([a-z0-9_]+)\[(\d+)\]\.([a-z0-9_]+)$/.exec(path);
    if (field.type === 'table' && cell) {
      const [, key = '', row = '0', column = ''] = cell;
      const rows = (store.values[key] as readonly TableRowValue[] | undefined) ?? [];
      const old = rows[Number(row)]?.[column] ?? '';
      store.setCell(key, Number(row), column, append && old ? `${old} ${text}` : text, 'ocr');
      document.getElementById(`f-${key}-${row}-${column}`)?.focus();
    } else if (field.type !== 'table') {
      const old = store.values[field.key];
      store.setValue(field.key, append && typeof old === 'string' && old ? `${old} ${text}` : text, 'ocr');
      document.getElementById(`f-${field.key}`)?.focus();
    }
  };
}
