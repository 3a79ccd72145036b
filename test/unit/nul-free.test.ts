import { describe, expect, it } from 'vitest';
import { withoutNul } from '../../src/db/nul-free.ts';

describe('withoutNul', () => {
  it('takes U+0000 out of nested strings and keys', () => {
    const payload = { text: 'Ac\u0000me', list: ['a', 'b\u0000'], ['k\u0000ey']: { deep: '\u0000x' }, n: 3, none: null };
    expect(withoutNul(payload)).toEqual({ text: 'Acme', list: ['a', 'b'], key: { deep: 'x' }, n: 3, none: null });
    expect(payload.text).toBe('Ac\u0000me');
  });

  it('returns the value itself when nothing holds one, and keeps untouched branches', () => {
    const clean = { text: 'Acme', list: ['a'], nested: { n: 1 } };
    expect(withoutNul(clean)).toBe(clean);
    const mixed = { dirty: 'x\u0000', nested: { n: 1 } };
    const stripped = withoutNul(mixed);
    expect(stripped).not.toBe(mixed);
    expect(stripped.nested).toBe(mixed.nested);
  });
});
