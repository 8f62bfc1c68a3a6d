// A plan speaks the API's field names and normalized values; the reviewer reads the
// settings' labels ("Section › Label") and values as the form shows them (option texts,
// reference names, yes/no), never a path or raw JSON. Pure functions: `t` is passed in so
// they are tested without a window.
import type { CatalogueSchema } from '../bindings/CatalogueSchema.ts';
import type { Field } from '../bindings/Field.ts';
import type { FieldPlan } from '../bindings/FieldPlan.ts';
import type { Section } from '../bindings/Section.ts';
import type { ReferenceData } from '../bindings/ReferenceData.ts';
import { refOptions } from '../forms/refOptions.ts';

export type Translate = (id: string, args?: Record<string, string | number>) => string;

export interface Setting {
  section?: Section;
  field?: Field;
}

/** The catalogue's setting behind an API field of `kind` (a field, or a repeat section). */
export function settingOf(schema: CatalogueSchema | null, kind: string, api: string): Setting {
  const k = schema?.kinds.find((x) => x.kind === kind);
  for (const s of k?.sections ?? []) {
    if (s.api === api) return { section: s };
    const f = s.fields.find((x) => x.api?.name === api);
    if (f) return { section: s, field: f };
  }
  return {};
}

/** "Section › Label" from the catalogue, else the plan's label id, else the API name. */
export function labelOf(setting: Setting, labelId: string | null, api: string, t: Translate): string {
  const own = setting.field?.label ?? labelId ?? setting.section?.label;
  const name = own ? t(own) : api;
  if (setting.field && setting.section) return `${t(setting.section.label)} › ${name}`;
  return name;
}

const isUnset = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** One value as the form shows it. */
export function showValue(v: unknown, setting: Setting, refs: ReferenceData | null, t: Translate): string {
  if (isUnset(v)) return t('review-not-set');
  const type = setting.field?.type;
  if (typeof v === 'boolean') return t(v ? 'review-yes' : 'review-no');
  if (type?.type === 'enum') {
    const o = type.options.find((x) => x.value === String(v));
    if (o) return t(o.label);
  }
  if (type?.type === 'reference') {
    const names = new Map(refOptions(type.source, refs, []).map((o) => [o.value, o.label]));
    const ids = Array.isArray(v) ? v : [v];
    return ids.map((id) => names.get(String(id)) ?? String(id)).join(', ');
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.join(', ');
    // Records (signatures, greetings…): their texts, one per item.
    const texts = v.map((item) =>
      Object.values(item as Record<string, unknown>)
        .filter((x) => typeof x === 'string' && x !== '')
        .join(' · '),
    );
    return `${t('review-items', { count: v.length })}: ${texts.join(' | ')}`;
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${String(x)}`)
      .join(', ');
  }
  return String(v);
}

/** What an apply sends for a field (`undefined`: nothing, the field is taken or skipped). */
export function sentValue(f: FieldPlan): unknown {
  if (f.excluded) return undefined;
  const r = f.resolution;
  if (r?.kind === 'mine') return f.local;
  if (r?.kind === 'edit') return r.value;
  if (r?.kind === 'server') return undefined;
  return f.class === 'send' ? f.local : undefined;
}

/** The edit widget a conflict needs, from the setting's type and the values at hand. */
export type EditWidget =
  | { kind: 'none' }
  | { kind: 'bool' }
  | { kind: 'number' }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  | { kind: 'text' };

export function editWidget(f: FieldPlan, setting: Setting, refs: ReferenceData | null, t: Translate): EditWidget {
  const type = setting.field?.type;
  // Lists and records (signatures, several references…) are decided as a whole: mine or
  // the server's. A text box could only send them mangled.
  const structured = (v: unknown) => Array.isArray(v) || (typeof v === 'object' && v !== null);
  if (!setting.field || type?.type === 'records' || type?.type === 'list' || (type?.type === 'reference' && type.multiple) || structured(f.local) || structured(f.remote)) {
    if (!setting.field && !structured(f.local) && !structured(f.remote)) return { kind: 'text' };
    return { kind: 'none' };
  }
  if (type?.type === 'bool' || typeof f.local === 'boolean' || typeof f.remote === 'boolean') return { kind: 'bool' };
  if (type?.type === 'enum') return { kind: 'choice', options: type.options.map((o) => ({ value: o.value, label: t(o.label) })) };
  if (type?.type === 'reference' && !type.multiple && !Array.isArray(f.local)) {
    return { kind: 'choice', options: refOptions(type.source, refs, []).map((o) => ({ value: o.value, label: o.label })) };
  }
  if (type?.type === 'int' || type?.type === 'decimal' || typeof f.local === 'number' || typeof f.remote === 'number') {
    return { kind: 'number' };
  }
  return { kind: 'text' };
}

/** The typed text as the API value, or the message id of what is wrong with it. */
export function parseEdit(widget: EditWidget, text: string): { value: unknown } | { error: string } {
  const s = text.trim();
  switch (widget.kind) {
    case 'number': {
      if (s === '') return { value: null };
      const n = Number(s.replace(',', '.'));
      return Number.isFinite(n) ? { value: n } : { error: 'review-edit-invalid-number' };
    }
    case 'bool':
      if (s === 'true') return { value: true };
      if (s === 'false') return { value: false };
      return { error: 'review-edit-invalid-bool' };
    default:
      return { value: s === '' ? null : text };
  }
}

/** The first characters of a plan's hash, as people quote it. */
export const shortHash = (hash: string) => hash.slice(0, 12);

/** The setting at a document path (`imap.port`), for a problem's label. */
export function settingOfPath(schema: CatalogueSchema | null, kind: string, path: string): Setting {
  const k = schema?.kinds.find((x) => x.kind === kind);
  for (const s of k?.sections ?? []) {
    const f = s.fields.find((x) => x.path === path);
    if (f) return { section: s, field: f };
    if (s.id === path || path.startsWith(`${s.id}.`)) return { section: s };
  }
  return {};
}
