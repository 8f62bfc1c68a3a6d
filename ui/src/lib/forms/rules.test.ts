import { describe, expect, it } from 'vitest';
import { evalRule, holds, jsonEqual, withDefaults } from './rules.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import type { Rule } from '../bindings/Rule.ts';
import type { JsonValue } from '../bindings/serde_json/JsonValue.ts';

const get = (doc: JsonValue) => (p: string) => {
  let v: JsonValue | undefined = doc;
  for (const k of p.split('.')) v = v && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined;
  return v;
};

describe('rules (same semantics as rule.rs)', () => {
  const imapMode: Rule = { field: 'email.mode', in: ['imap', 'hybrid'] };

  it('`in` matches one of the values', () => {
    expect(evalRule(imapMode, get({ email: { mode: 'imap' } }))).toBe(true);
    expect(evalRule(imapMode, get({ email: { mode: 'hybrid' } }))).toBe(true);
    expect(evalRule(imapMode, get({ email: { mode: 'postmark' } }))).toBe(false);
  });

  it('a missing value counts as null', () => {
    expect(evalRule({ field: 'nope.x', in: [null] }, get({}))).toBe(true);
    expect(evalRule(imapMode, get({}))).toBe(false);
  });

  it('compares JSON values strictly (true is not 1, "1" is not 1)', () => {
    expect(evalRule({ field: 'a.b', in: [true] }, get({ a: { b: 1 } }))).toBe(false);
    expect(evalRule({ field: 'a.b', in: [1] }, get({ a: { b: '1' } }))).toBe(false);
    expect(evalRule({ field: 'a.b', in: [['x']] }, get({ a: { b: ['x'] } }))).toBe(true);
    expect(jsonEqual({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });

  it('combines with all / any / not', () => {
    const web: Rule = { field: 'scope.web', in: [true] };
    const not: Rule = { not: web };
    const doc = get({ scope: { web: false, ios: true } });
    expect(evalRule(not, doc)).toBe(true);
    expect(evalRule({ all: [not, web] }, doc)).toBe(false);
    expect(evalRule({ any: [web, { field: 'scope.ios', in: [true] }] }, doc)).toBe(true);
    expect(evalRule({ all: [] }, doc)).toBe(true);
    expect(evalRule({ any: [] }, doc)).toBe(false);
    expect(holds(undefined, doc)).toBe(true);
  });

  it('withDefaults reads a missing setting as its default, an explicit null as null', () => {
    const kind = {
      kind: 'email',
      label: 'kind-email',
      help: 'kind-email-help',
      two_step: false,
      smart_closing: false,
      sections: [
        {
          id: 'email',
          label: 'cat-sec-email',
          repeat: false,
          unique_by: [],
          after_first_save: false,
          fields: [
            {
              key: 'mode',
              path: 'email.mode',
              type: { type: 'enum', options: [] },
              default: 'imap',
              required: true,
              secret: false,
              label: 'cat-email-mode',
            },
          ],
        },
      ],
    } satisfies KindSchema;
    expect(evalRule(imapMode, withDefaults({ kind: 'email' }, kind))).toBe(true);
    expect(evalRule(imapMode, withDefaults({ email: { mode: null } }, kind))).toBe(false);
    expect(evalRule(imapMode, withDefaults({ email: { mode: 'postmark' } }, kind))).toBe(false);
  });
});
