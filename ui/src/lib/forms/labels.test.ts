import { describe, expect, it } from 'vitest';
import type { Field } from '../bindings/Field.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import { setLang } from '../i18n.svelte.ts';
import { anyKindLabel, settingLabel, showValue } from './labels.ts';

const f = (key: string, section: string, label: string): Field => ({
  key,
  path: `${section}.${key}`,
  type: { type: 'bool' },
  default: null,
  required: false,
  secret: false,
  label,
});

const email = {
  kind: 'email',
  label: 'cat-kind-email',
  help: '',
  two_step: false,
  smart_closing: false,
  sections: [
    { id: 'imap', label: 'cat-sec-imap', repeat: false, unique_by: [], after_first_save: false, fields: [f('password', 'imap', 'cat-imap-password')] },
    { id: 'signatures', label: 'cat-sec-signatures', repeat: true, unique_by: [], after_first_save: false, fields: [f('body', 'signatures', 'cat-signatures-body')] },
  ],
} as unknown as KindSchema;

describe('settingLabel', () => {
  it('names a setting by its section and label, in the current language', () => {
    setLang('fr');
    expect(settingLabel(email, 'imap.password')).toBe('Paramètres IMAP › Mot de passe');
    setLang('en');
    expect(settingLabel(email, 'imap.password')).not.toContain('imap.password');
  });

  it('numbers the items of a list from 1', () => {
    setLang('fr');
    expect(settingLabel(email, 'signatures.0.body')).toMatch(/ \(1\)$/);
  });

  it('keeps the path when it is not a declared setting, and finds the kind when unknown', () => {
    expect(settingLabel(email, 'nowhere.at_all')).toBe('nowhere.at_all');
    expect(settingLabel(undefined, 'imap.password')).toBe('imap.password');
    setLang('fr');
    expect(anyKindLabel([email], 'imap.password')).toBe('Paramètres IMAP › Mot de passe');
  });
});

describe('showValue', () => {
  it('shows values as the form does, never as JSON', () => {
    setLang('fr');
    expect(showValue(true, '—')).toBe('Oui');
    expect(showValue(false, '—')).toBe('Non');
    expect(showValue(null, '—')).toBe('—');
    expect(showValue(['INBOX', 'Sent'], '—')).toBe('INBOX, Sent');
    expect(showValue({ body: '', language: 'fr' }, '—')).toBe('fr');
    expect(showValue([], '—')).toBe('—');
    expect(showValue(30, '—')).toBe('30');
  });
});
