// The UI formats the same Fluent files as Rust (src-tauri/i18n/<lang>/<area>.ftl): one
// source of strings. `t()` reads the current language, a rune, so every label re-renders
// when the language changes — no reload.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import type { Lang } from './bindings/Lang.ts';
import type { Msg } from './bindings/Msg.ts';
import type { Arg } from './bindings/Arg.ts';

const sources = import.meta.glob('../../../src-tauri/i18n/*/*.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const LANGS: readonly Lang[] = ['fr', 'en'];

function buildBundle(lang: Lang): FluentBundle {
  // No isolation marks: both languages are left-to-right, and the marks would surface in
  // copied text and in tests.
  const bundle = new FluentBundle(lang, { useIsolating: false });
  for (const [path, text] of Object.entries(sources)) {
    if (!path.includes(`/i18n/${lang}/`)) continue;
    const errors = bundle.addResource(new FluentResource(text));
    for (const e of errors) console.error(`Fluent error in ${path}:`, e);
  }
  return bundle;
}

const bundles: Record<Lang, FluentBundle> = { fr: buildBundle('fr'), en: buildBundle('en') };

export const locale = $state<{ lang: Lang }>({ lang: 'en' });

export function setLang(lang: Lang): void {
  locale.lang = lang;
  document.documentElement.lang = lang;
}

export function hasMessage(id: string, lang: Lang = locale.lang): boolean {
  return bundles[lang].hasMessage(id);
}

/** Formats a message id in the current language, falling back to English, then to the id. */
export function t(id: string, args?: Record<string, FluentVariable>): string {
  for (const lang of [locale.lang, 'en'] as const) {
    const bundle = bundles[lang];
    const message = bundle.getMessage(id);
    if (message?.value) return bundle.formatPattern(message.value, args ?? null);
  }
  console.warn(`missing message id: ${id}`);
  return id;
}

function argValue(arg: Arg): FluentVariable {
  if (typeof arg === 'string' || typeof arg === 'number') return arg;
  return fmt(arg);
}

/** Formats a message that came from Rust (`Msg`, possibly with nested messages). */
export function fmt(msg: Msg): string {
  const args: Record<string, FluentVariable> = {};
  for (const [k, v] of Object.entries(msg.args ?? {})) {
    if (v !== undefined) args[k] = argValue(v);
  }
  return t(msg.id, args);
}

/** Every id defined for a language, for checks. */
export function messageIds(lang: Lang): Set<string> {
  const ids = new Set<string>();
  for (const [path, text] of Object.entries(sources)) {
    if (!path.includes(`/i18n/${lang}/`)) continue;
    for (const m of text.matchAll(/^([a-zA-Z][a-zA-Z0-9_-]*)\s*=/gm)) ids.add(m[1]!);
  }
  return ids;
}
