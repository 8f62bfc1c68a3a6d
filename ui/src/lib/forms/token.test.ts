import { describe, expect, it } from 'vitest';
import { generateToken } from './token.ts';

describe('generateToken', () => {
  it('gives 64 hex characters from 32 random bytes, different each time', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('encodes every byte with two digits', () => {
    expect(generateToken((arr) => arr.fill(10))).toBe('0a'.repeat(32));
  });
});
