// A setting named as the form shows it — "Section › Label", "Signatures › Body (2)" — in
// every place that reports on settings away from the form: the mail test's fields to
// check, the import report, the secrets to re-enter, what a duplicate did not copy. Paths
// (`imap.host`, `signatures.0.body`) are the document's, not words for a person.
import { t } from '../i18n.svelte.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import { fieldAt } from './path.ts';

const INDEX = /^\d+$/;

/** "Section › Label" for `path` in `kind`; the path itself when it is not a declared
 *  setting (then there is nothing better to show). */
export function settingLabel(kind: KindSchema | undefined, path: string): string {
  if (!kind) return path;
  const keys = path.split('.');
  const section = kind.sections.find((s) => s.id === keys[0]);
  if (!section) return path;
  const field = fieldAt(kind, path);
  const parts = [t(section.label)];
  if (field && field.label !== section.label) parts.push(t(field.label));
  const index = keys.find((k) => INDEX.test(k));
  const label = parts.join(' › ');
  return index === undefined ? label : t('frame-setting-item', { label, n: Number(index) + 1 });
}

/** The same, for a path whose kind is unknown (an import's rejected file): the first
 *  kind that declares it. */
export function anyKindLabel(kinds: readonly KindSchema[], path: string): string {
  const kind = kinds.find((k) => fieldAt(k, path) !== undefined);
  return settingLabel(kind, path);
}

/** The DOM id of a setting's row in the open editor, to take the user to it. */
export function focusSetting(path: string): boolean {
  const row = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
  if (!row) return false;
  row.scrollIntoView({ block: 'center' });
  row.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  return true;
}

/** A value as a person reads it, away from its widget: yes / no for switches, list items
 *  separated by commas, a record by its filled-in values, "—" style text for empty (the
 *  caller's `empty`), never JSON. */
export function showValue(v: unknown, empty: string): string {
  if (v === undefined || v === null || v === '') return empty;
  if (typeof v === 'boolean') return t(v ? 'frame-yes' : 'frame-no');
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? empty : v.map((x) => showValue(x, empty)).join(', ');
  const filled = Object.values(v as Record<string, unknown>).filter((x) => x !== null && x !== undefined && x !== '');
  return filled.length === 0 ? empty : filled.map((x) => showValue(x, empty)).join(' · ');
}
