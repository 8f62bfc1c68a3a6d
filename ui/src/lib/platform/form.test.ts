import { describe, expect, it } from 'vitest';
import { baseUrlOf, draftFromUrl, emptyDraft, fieldsOf } from './form.ts';

describe('account form', () => {
  it('builds the API root from a domain and each documented host', () => {
    const d = { ...emptyDraft(), domain: ' Acme ' };
    expect(baseUrlOf({ ...d, mode: 'ringcentral' })).toBe('https://acme.api.digital.ringcentral.com/1.0');
    expect(baseUrlOf({ ...d, mode: 'dimelo' })).toBe('https://acme.api.engagement.dimelo.com/1.0');
    expect(baseUrlOf({ ...d, mode: 'full', fullUrl: ' http://127.0.0.1:4010/1.0 ' })).toBe('http://127.0.0.1:4010/1.0');
    expect(baseUrlOf({ ...d, domain: '' })).toBe('');
  });

  it('reads a stored address back into its preset, or as a full address', () => {
    expect(draftFromUrl('https://acme.api.engagement.dimelo.com/1.0')).toEqual({ mode: 'dimelo', domain: 'acme', fullUrl: '' });
    expect(draftFromUrl('http://127.0.0.1:9/1.0')).toEqual({ mode: 'full', domain: '', fullUrl: 'http://127.0.0.1:9/1.0' });
  });

  it('never puts the token in the account fields', () => {
    const f = fieldsOf({ ...emptyDraft(), label: 'Prod', domain: 'acme', token: 'secret-token', tokenUserEmail: '  ' });
    expect(JSON.stringify(f)).not.toContain('secret-token');
    expect(f.tokenUserEmail).toBeNull();
  });
});
