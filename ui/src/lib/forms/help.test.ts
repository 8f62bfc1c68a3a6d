import { describe, expect, it } from 'vitest';
import { SHORT_HELP_MAX, helpParts } from './help.ts';

describe('helpParts', () => {
  it('keeps a one-sentence help whole, with nothing behind a disclosure', () => {
    expect(helpParts('Postmark is a delivery service.')).toEqual({ short: 'Postmark is a delivery service.', more: null });
  });
  it('shows the first sentence and keeps the whole text for the disclosure', () => {
    const text = 'The server name. Ask your provider. It is often mail.example.com.';
    expect(helpParts(text)).toEqual({ short: 'The server name.', more: text });
  });
  it('does not cut inside a number or an address', () => {
    expect(helpParts('Use mail.example.com or 1.5 as you like.').more).toBeNull();
  });
  it('a first sentence too long for one line goes behind the disclosure only', () => {
    const long = `${'word '.repeat(SHORT_HELP_MAX / 4)}end. Then more.`;
    expect(helpParts(long)).toEqual({ short: null, more: long });
  });
});
