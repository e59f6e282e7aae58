import { createI18n } from 'vue-i18n';
import en, { type Messages } from './en';
import es from './es';

export type UiLocale = 'es' | 'en';
export const UI_LOCALES: UiLocale[] = ['es', 'en'];
const STORAGE_KEY = 'cotejo:locale';

/** The saved choice, else the browser's language, else Spanish. */
export function initialLocale(): UiLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'es' || saved === 'en') return saved;
  } catch {
    // Storage may be blocked; fall back to the browser language.
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of preferred) {
    const base = lang.slice(0, 2).toLowerCase();
    if (base === 'es' || base === 'en') return base;
  }
  return 'es';
}

export const i18n = createI18n<[Messages], UiLocale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'es',
  messages: { es, en },
});

/** Switches the UI language, remembers it and updates <html lang>. */
export function setLocale(locale: UiLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; the switch still applies to this visit.
  }
}
