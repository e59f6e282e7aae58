import { readonly, ref } from 'vue';
import { defineStore } from 'pinia';

export interface Toast {
  id: number;
  /** i18n key and parameters; the view translates. */
  key: string;
  params?: Record<string, string | number>;
  tone: 'info' | 'success' | 'error';
}

/** Short, polite notices (a record you worked on was verified, a token was revoked…). */
export const useToastsStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
    clearTimeout(timers.get(id));
    timers.delete(id);
  }

  function push(toast: Omit<Toast, 'id'>, ttlMs = 6000): number {
    const id = nextId++;
    toasts.value = [...toasts.value, { ...toast, id }].slice(-4);
    if (ttlMs > 0)
      timers.set(
        id,
        setTimeout(() => dismiss(id), ttlMs),
      );
    return id;
  }

  return { toasts: readonly(toasts), push, dismiss };
});
