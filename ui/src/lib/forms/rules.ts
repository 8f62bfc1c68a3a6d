// Visibility and required-when rules, evaluated exactly as the validator does
// (src-tauri/crates/catalogue/src/rule.rs): `{field, in}` holds when the value at `field`
// equals one of `in` (a missing value counts as null); `all`, `any`, `not` combine. The
// validator reads a missing setting as its declared default, so `withDefaults` does too.
import type { Rule } from '../bindings/Rule.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import type { JsonValue } from '../bindings/serde_json/JsonValue.ts';
import { fieldAt, getPath, isObject } from './path.ts';

export type Lookup = (path: string) => JsonValue | undefined;

/** JSON equality as serde_json's `Value == Value` (objects by keys, lists in order). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

export function evalRule(rule: Rule, get: Lookup): boolean {
  if ('field' in rule) {
    const v = get(rule.field) ?? null;
    return rule.in.some((x) => jsonEqual(x, v));
  }
  if ('all' in rule) return rule.all.every((r) => evalRule(r, get));
  if ('any' in rule) return rule.any.some((r) => evalRule(r, get));
  return !evalRule(rule.not, get);
}

/** The validator's view of a document: a missing setting reads as its default. */
export function withDefaults(doc: JsonValue, kind: KindSchema): Lookup {
  return (path) => {
    const v = getPath(doc, path);
    if (v !== undefined) return v;
    const f = fieldAt(kind, path);
    return f ? ((f.default ?? null) as JsonValue) : undefined;
  };
}

/** A rule that is absent holds. */
export function holds(rule: Rule | undefined, get: Lookup): boolean {
  return rule === undefined || evalRule(rule, get);
}
