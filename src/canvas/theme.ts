import { useCallback, useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'aios-theme';
const listeners = new Set<() => void>();
const media = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The theme the user chose, else the system's. */
function currentTheme(): Theme {
  const chosen = localStorage.getItem(KEY);
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return media().matches ? 'dark' : 'light';
}

/** Puts the theme on `<html data-theme>`, which the CSS tokens key on. */
export function applyTheme(theme: Theme = currentTheme()) {
  document.documentElement.dataset['theme'] = theme;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onSystem = () => applyTheme();
  media().addEventListener('change', onSystem);
  return () => {
    listeners.delete(listener);
    media().removeEventListener('change', onSystem);
  };
}

/** The current theme and a toggle that remembers the choice. */
export function useTheme(): [Theme, () => void] {
  const theme = useSyncExternalStore(subscribe, currentTheme);
  const toggle = useCallback(() => {
    localStorage.setItem(KEY, currentTheme() === 'dark' ? 'light' : 'dark');
    applyTheme();
  }, []);
  return [theme, toggle];
}
