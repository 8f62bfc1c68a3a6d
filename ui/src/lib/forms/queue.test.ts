import { describe, expect, it } from 'vitest';
import { queueSlots } from './queue.ts';

describe('queue slots (same as queue.rs)', () => {
  it("gives the guide's example: 4 × 2 × 0.25 = 2", () => expect(queueSlots(4, 2, 0.25)).toBe(2));
  it('is 0 for a zero, negative or invalid factor', () => {
    expect(queueSlots(4, 2, 0)).toBe(0);
    expect(queueSlots(4, 2, -1)).toBe(0);
    expect(queueSlots(4, 2, Number.NaN)).toBe(0);
  });
  it('drops fractions without float noise', () => {
    expect(queueSlots(3, 1, 0.5)).toBe(1);
    expect(queueSlots(30, 1, 0.1)).toBe(3);
  });
});
