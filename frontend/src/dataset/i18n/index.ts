// The dataset page's messages are merged into the app's i18n when its chunk loads, so the
// volunteer bundle does not carry them.
import { i18n } from '../../i18n';
import en from './en';
import es from './es';

interface Mergeable {
  mergeLocaleMessage(locale: string, messages: Record<string, unknown>): void;
}

let installed = false;

/** Adds `dataset.*` messages in every UI language (once). */
export function installDatasetMessages(): void {
  if (installed) return;
  const global = i18n.global as unknown as Mergeable;
  global.mergeLocaleMessage('en', { dataset: en });
  global.mergeLocaleMessage('es', { dataset: es });
  installed = true;
}
