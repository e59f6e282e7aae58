import { ref, watchEffect } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'cotejo:theme';

function saved(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const theme = ref<ThemeChoice>(saved());

watchEffect(() => {
  const root = document.documentElement;
  if (theme.value === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme.value);
});

/** Light, dark or follow the system (`prefers-color-scheme`); remembered in the browser. */
export function useTheme() {
  function setTheme(next: ThemeChoice): void {
    theme.value = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Applies to this visit only.
    }
  }
  return { theme, setTheme };
}
