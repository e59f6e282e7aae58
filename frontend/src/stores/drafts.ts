// Drafts of unsent work, kept in the browser so a lost connection or a reload loses nothing.
import type { FieldValue, Marker, ValueSource } from '../services/tasks';

export interface Draft {
  taskId: string;
  values: Record<string, FieldValue>;
  markers: Record<string, Marker>;
  sources: Record<string, ValueSource>;
  secondsSpent: number;
  savedAt: string;
}

/** The subset of Web Storage the drafts need (a Map-backed one in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'cotejo:draft:';

function memoryStorage(): DraftStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** Browser localStorage when available (and allowed), memory otherwise. */
export function defaultDraftStorage(): DraftStorage {
  try {
    const storage = (globalThis as { localStorage?: DraftStorage }).localStorage;
    if (storage) return storage;
  } catch {
    // Storage can throw when cookies are blocked; fall through to memory.
  }
  return memoryStorage();
}

/** Reads, writes and removes the draft of a task. */
export function draftBox(storage: DraftStorage) {
  return {
    load(taskId: string): Draft | null {
      try {
        const text = storage.getItem(PREFIX + taskId);
        return text ? (JSON.parse(text) as Draft) : null;
      } catch {
        return null;
      }
    },
    save(draft: Draft): void {
      try {
        storage.setItem(PREFIX + draft.taskId, JSON.stringify(draft));
      } catch {
        // A full storage must not break typing.
      }
    },
    remove(taskId: string): void {
      try {
        storage.removeItem(PREFIX + taskId);
      } catch {
        // ignore
      }
    },
  };
}
