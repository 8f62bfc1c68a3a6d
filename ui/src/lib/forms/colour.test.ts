import { describe, expect, it } from 'vitest';
import { normalizeColour } from './colour.ts';
import { impliedBy } from './implied.ts';

describe('normalizeColour', () => {
  it('adds the # and upper-cases', () => {
    expect(normalizeColour('1E88E5')).toBe('#1E88E5');
    expect(normalizeColour('1e88e5')).toBe('#1E88E5');
    expect(normalizeColour(' #abc ')).toBe('#ABC');
  });
  it('leaves what is not a colour for the validator', () => {
    expect(normalizeColour('blue')).toBe('blue');
    expect(normalizeColour('1E88E')).toBe('1E88E');
    expect(normalizeColour('')).toBe('');
  });
});

describe('impliedBy', () => {
  it('Postmark and hybrid modes turn Postmark on; IMAP mode leaves it', () => {
    expect(impliedBy('email.mode', 'postmark')).toEqual({ 'postmark.enabled': true });
    expect(impliedBy('email.mode', 'hybrid')).toEqual({ 'postmark.enabled': true });
    expect(impliedBy('email.mode', 'imap')).toEqual({});
    expect(impliedBy('imap.host', 'postmark')).toEqual({});
  });
});
