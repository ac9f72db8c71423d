import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countText } from '../../../src/ui/count-text';

describe('countText', () => {
  it('groups thousands with commas', () => {
    expect(countText(0)).toBe('0');
    expect(countText(999)).toBe('999');
    expect(countText(1000)).toBe('1,000');
    expect(countText(7217)).toBe('7,217');
    expect(countText(-1234567)).toBe('-1,234,567');
  });

  it('writes every whole number as toLocaleString("en-GB") does', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(countText(n)).toBe(n.toLocaleString('en-GB'));
      }),
    );
  });

  it('leaves other numbers to toLocaleString', () => {
    for (const n of [1.5, -0.25, 12345.678, Number.MAX_SAFE_INTEGER + 2, Infinity, NaN]) expect(countText(n)).toBe(n.toLocaleString('en-GB'));
  });
});
