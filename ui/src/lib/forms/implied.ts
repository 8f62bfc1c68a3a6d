// Choices that settle another setting: picking one in the form sets the other too, so
// that the user does not have to find it (the guide's order of steps, done for them).
import type { JsonValue } from '../bindings/serde_json/JsonValue.ts';

type Implication = (value: JsonValue) => Record<string, JsonValue>;

const IMPLIED: Record<string, Implication> = {
  // Postmark and hybrid modes go through Postmark: they mean Postmark on (the validator
  // refuses them with it off, val-postmark-disabled).
  'email.mode': (v): Record<string, JsonValue> => (v === 'postmark' || v === 'hybrid' ? { 'postmark.enabled': true } : {}),
};

/** The settings that follow from setting `path` to `value` (none for most). */
export function impliedBy(path: string, value: JsonValue): Record<string, JsonValue> {
  return IMPLIED[path]?.(value) ?? {};
}
