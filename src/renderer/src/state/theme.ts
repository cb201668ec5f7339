import { useEffect } from 'react';
import type { Settings } from '../../../shared/api';
import { useResource } from './resource';
import type { Stores } from './stores';

const THEME_KEY = 'papershelf.theme';

/**
 * The `theme` setting, applied as `data-theme` on <html>; "system" removes it
 * so prefers-color-scheme decides. The last theme is cached locally and applied
 * before the first render (applyCachedTheme), so a forced theme never flashes.
 */
export function applyTheme(theme: Settings['theme']): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage can be unavailable (private windows); the setting still applies.
  }
}

export function applyCachedTheme(): void {
  try {
    const cached = localStorage.getItem(THEME_KEY);
    if (cached === 'light' || cached === 'dark') document.documentElement.dataset.theme = cached;
  } catch {
    // No cache: the system theme until settings arrive.
  }
}

export function useTheme(stores: Stores): void {
  const { data } = useResource(stores.settings);
  const theme = data?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
}
