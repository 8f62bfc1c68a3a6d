// Interface preferences as reactive state. Changes apply live (language, theme) and are
// persisted through the shell; on failure the previous values come back and the error
// envelope is returned for display.
import { getCurrentWindow } from '@tauri-apps/api/window';
import { api, IpcFailure } from './ipc.ts';
import { setLang } from './i18n.svelte.ts';
import type { Prefs } from './bindings/Prefs.ts';
import type { ThemePref } from './bindings/ThemePref.ts';
import type { IpcError } from './bindings/IpcError.ts';

export const prefsState = $state<{ prefs: Prefs; loaded: boolean }>({
  prefs: { language: 'system', theme: 'system' },
  loaded: false,
});

const darkQuery = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

export function resolvedTheme(theme: ThemePref): 'light' | 'dark' {
  if (theme === 'system') return darkQuery?.matches ? 'dark' : 'light';
  return theme;
}

function applyTheme(theme: ThemePref): void {
  document.documentElement.dataset['theme'] = resolvedTheme(theme);
  document.documentElement.dataset['themePref'] = theme;
  // The native title bar follows too; null hands it back to the system.
  getCurrentWindow()
    .setTheme(theme === 'system' ? null : theme)
    .catch(() => {});
}

darkQuery?.addEventListener('change', () => applyTheme(prefsState.prefs.theme));

export async function loadPrefs(): Promise<void> {
  const view = await api.getPrefs();
  prefsState.prefs = view.prefs;
  prefsState.loaded = true;
  setLang(view.lang);
  applyTheme(view.prefs.theme);
}

export async function updatePrefs(change: Partial<Prefs>): Promise<IpcError | null> {
  const before = prefsState.prefs;
  const next = { ...before, ...change };
  prefsState.prefs = next;
  applyTheme(next.theme);
  try {
    const view = await api.setPrefs(next);
    setLang(view.lang);
    return null;
  } catch (e) {
    prefsState.prefs = before;
    applyTheme(before.theme);
    if (e instanceof IpcFailure) return e.envelope;
    throw e;
  }
}
