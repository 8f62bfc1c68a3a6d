import { describe, expect, it } from 'vitest';
import { editWidget, labelOf, parseEdit, sentValue, settingOf, settingOfPath, showValue } from './values.ts';
import type { CatalogueSchema } from '../bindings/CatalogueSchema.ts';
import type { FieldPlan } from '../bindings/FieldPlan.ts';
import type { ReferenceData } from '../bindings/ReferenceData.ts';

// A translator that shows which message was asked for.
const t = (id: string, args?: Record<string, string | number>) => (args ? `${id}(${Object.values(args).join(',')})` : `<${id}>`);

const schema = {
  variables: [],
  kinds: [
    {
      kind: 'viber',
      label: 'kind-viber',
      help: '',
      two_step: false,
      smart_closing: false,
      sections: [
        {
          id: 'general',
          label: 'sec-general',
          repeat: false,
          unique_by: [],
          after_first_save: false,
          fields: [
            { key: 'name', path: 'general.name', type: { type: 'text', multiline: false, variables: false }, default: null, required: true, secret: false, label: 'f-name', api: { name: 'name', conv: 'same' } },
            { key: 'active', path: 'general.active', type: { type: 'bool' }, default: true, required: false, secret: false, label: 'f-active', api: { name: 'active', conv: 'same' } },
            { key: 'mode', path: 'general.mode', type: { type: 'enum', options: [{ value: 'fast', label: 'opt-fast' }] }, default: null, required: false, secret: false, label: 'f-mode', api: { name: 'mode', conv: 'same' } },
            { key: 'community', path: 'general.community', type: { type: 'reference', source: 'communities', multiple: false }, default: null, required: false, secret: false, label: 'f-community', api: { name: 'community_id', conv: 'same' } },
            { key: 'delay', path: 'general.delay', type: { type: 'int' }, default: null, required: false, secret: false, label: 'f-delay', api: { name: 'delay', conv: 'same' } },
          ],
        },
        { id: 'signatures', label: 'sec-signatures', repeat: true, unique_by: [], after_first_save: false, api: 'signatures', fields: [] },
      ],
    },
  ],
} as unknown as CatalogueSchema;

const refs: ReferenceData = {
  sample: false,
  communities: [{ id: 'c1', name: 'Support' }],
  time_sheets: [],
  categories: [],
  locales: [],
  channel_groups: [],
};

const field = (over: Partial<FieldPlan>): FieldPlan => ({
  field: 'name',
  label: null,
  class: 'send',
  base: 'a',
  local: 'b',
  remote: 'a',
  resolution: null,
  excluded: false,
  ...over,
});

describe('labels and values as the form shows them', () => {
  it('labels an API field with its section, falls back to the plan label, then the name', () => {
    expect(labelOf(settingOf(schema, 'viber', 'name'), null, 'name', t)).toBe('<sec-general> › <f-name>');
    expect(labelOf(settingOf(schema, 'viber', 'signatures'), null, 'signatures', t)).toBe('<sec-signatures>');
    expect(labelOf(settingOf(schema, 'viber', 'unknown'), 'plan-label', 'unknown', t)).toBe('<plan-label>');
    expect(labelOf(settingOf(schema, 'viber', 'unknown'), null, 'unknown', t)).toBe('unknown');
    expect(labelOf(settingOfPath(schema, 'viber', 'general.mode'), null, 'general.mode', t)).toBe('<sec-general> › <f-mode>');
  });

  it('shows options, references, booleans and "not set" instead of raw values', () => {
    const s = (api: string) => settingOf(schema, 'viber', api);
    expect(showValue('fast', s('mode'), refs, t)).toBe('<opt-fast>');
    expect(showValue('c1', s('community_id'), refs, t)).toBe('Support');
    expect(showValue('gone', s('community_id'), refs, t)).toBe('gone');
    expect(showValue(false, s('active'), refs, t)).toBe('<review-no>');
    for (const empty of [null, '', []]) expect(showValue(empty, s('name'), refs, t)).toBe('<review-not-set>');
    expect(showValue(['x', 'y'], {}, refs, t)).toBe('x, y');
    expect(showValue([{ body: 'Hello' }, { body: 'Bye' }], s('signatures'), refs, t)).toBe('review-items(2): Hello | Bye');
  });
});

describe('what an apply sends for a field', () => {
  it('follows the class, the resolution and the tick', () => {
    expect(sentValue(field({}))).toBe('b');
    expect(sentValue(field({ class: 'take' }))).toBeUndefined();
    expect(sentValue(field({ class: 'conflict' }))).toBeUndefined();
    expect(sentValue(field({ class: 'conflict', resolution: { kind: 'mine' } }))).toBe('b');
    expect(sentValue(field({ class: 'conflict', resolution: { kind: 'server' } }))).toBeUndefined();
    expect(sentValue(field({ class: 'conflict', resolution: { kind: 'edit', value: 'c' } }))).toBe('c');
    expect(sentValue(field({ excluded: true }))).toBeUndefined();
  });
});

describe('editing a conflict', () => {
  it('picks the widget from the setting and checks the typed value', () => {
    const s = (api: string) => settingOf(schema, 'viber', api);
    const number = editWidget(field({ field: 'delay', local: 3, remote: 4 }), s('delay'), refs, t);
    expect(number).toEqual({ kind: 'number' });
    expect(parseEdit(number, '12,5')).toEqual({ value: 12.5 });
    expect(parseEdit(number, 'twelve')).toEqual({ error: 'review-edit-invalid-number' });
    expect(editWidget(field({ field: 'active', local: true }), s('active'), refs, t)).toEqual({ kind: 'bool' });
    expect(editWidget(field({ field: 'community_id' }), s('community_id'), refs, t)).toEqual({
      kind: 'choice',
      options: [{ value: 'c1', label: 'Support' }],
    });
    const text = editWidget(field({}), s('name'), refs, t);
    expect(parseEdit(text, ' Kept as typed ')).toEqual({ value: ' Kept as typed ' });
    expect(parseEdit(text, '  ')).toEqual({ value: null });
  });
});

describe('editing lists and records', () => {
  it('offers no free text for a value that is a list or records: mine or the server only', () => {
    const sig = settingOf(schema, 'viber', 'signatures');
    expect(editWidget(field({ field: 'signatures', local: [{ body: 'a' }], remote: [] }), sig, refs, t)).toEqual({ kind: 'none' });
    expect(editWidget(field({ field: 'unknown', local: ['a'], remote: ['b'] }), {}, refs, t)).toEqual({ kind: 'none' });
    expect(editWidget(field({ field: 'unknown', local: 'a', remote: 'b' }), {}, refs, t)).toEqual({ kind: 'text' });
  });
});
