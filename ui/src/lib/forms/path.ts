// Dotted paths in the channel document (`imap.port`, `signatures.1.body`), read and written
// the way the catalogue's `document::get` and the store's `jsonpath::set` do.
import type { JsonValue } from '../bindings/serde_json/JsonValue.ts';
import type { Field } from '../bindings/Field.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';

export type JsonObject = { [key: string]: JsonValue };

const INDEX = /^\d+$/;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `path`: `undefined` when missing (an explicit `null` stays `null`). */
export function getPath(doc: JsonValue | undefined, path: string): JsonValue | undefined {
  let v: JsonValue | undefined = doc;
  for (const key of path.split('.')) {
    if (Array.isArray(v)) {
      v = INDEX.test(key) ? v[Number(key)] : undefined;
    } else if (isObject(v)) {
      v = Object.hasOwn(v, key) ? v[key] : undefined;
    } else {
      return undefined;
    }
    if (v === undefined) return undefined;
  }
  return v;
}

/** Sets the value at `path`, creating missing objects (or lists before an index). */
export function setPath(doc: JsonObject, path: string, value: JsonValue): void {
  const keys = path.split('.');
  let node: JsonObject | JsonValue[] = doc;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const last = i === keys.length - 1;
    const nextIsIndex = !last && INDEX.test(keys[i + 1]!);
    if (Array.isArray(node)) {
      if (!INDEX.test(key)) throw new Error(`not a list index: ${key} in ${path}`);
      const at = Number(key);
      if (last) {
        node[at] = value;
        return;
      }
      let child: JsonValue | undefined = node[at];
      if (!isObject(child) && !Array.isArray(child)) node[at] = child = nextIsIndex ? [] : {};
      node = child;
    } else {
      if (last) {
        node[key] = value;
        return;
      }
      let child: JsonValue | undefined = node[key];
      if (!isObject(child) && !Array.isArray(child)) node[key] = child = nextIsIndex ? [] : {};
      node = child;
    }
  }
}

/** The path without list indices (`signatures.1.body` → `signatures.body`). */
export function declPath(path: string): string {
  return path
    .split('.')
    .filter((k) => !INDEX.test(k))
    .join('.');
}

/** The declaration at a dotted path, indices allowed (same walk as `KindSchema::field`). */
export function fieldAt(kind: KindSchema, path: string): Field | undefined {
  const [sectionId, ...keys] = declPath(path).split('.');
  const section = kind.sections.find((s) => s.id === sectionId);
  if (!section) return undefined;
  let fields = section.fields;
  let found: Field | undefined;
  for (const key of keys) {
    const f = fields.find((x) => x.key === key);
    if (!f) return undefined;
    if (f.type.type === 'records') fields = f.type.fields;
    found = f;
  }
  return found;
}

/** A DOM id for a path (ids cannot hold dots in CSS selectors comfortably). */
export function domId(path: string): string {
  return `f-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/** A new record for a list of records: each field at its default (secrets and buttons out). */
export function newRecord(fields: Field[]): JsonObject {
  const rec: JsonObject = {};
  for (const f of fields) {
    if (f.secret || f.type.type === 'action') continue;
    rec[f.key] = structuredClone((f.default ?? null) as JsonValue);
  }
  return rec;
}

/** Moves item `from` of `list` to `to` (in place). */
export function moveItem<T>(list: T[], from: number, to: number): void {
  if (to < 0 || to >= list.length || from === to) return;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item as T);
}
