import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, keyIdOf, parseKey, parseKeys, tokenCipherFrom } from '../../src/security/token-cipher.ts';

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 9);

describe('parseKey', () => {
  const key = randomBytes(32);
  it.each([
    ['hex', key.toString('hex')],
    ['HEX in capitals', key.toString('hex').toUpperCase()],
    ['base64 with padding', key.toString('base64')],
    ['base64 without padding', key.toString('base64').replace(/=$/, '')],
    ['base64url', key.toString('base64url')],
    ['surrounded by blanks', ` ${key.toString('base64')}\n`],
  ])('accepts 32 bytes as %s', (_label, text) => {
    expect(parseKey(text).equals(key)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a passphrase', 'correct horse battery staple'],
    ['16 bytes in hex', randomBytes(16).toString('hex')],
    ['33 bytes in hex', randomBytes(33).toString('hex')],
    ['31 bytes in base64', randomBytes(31).toString('base64')],
    ['48 bytes in base64', randomBytes(48).toString('base64')],
    ['base64 and base64url mixed', `+-${randomBytes(32).toString('base64').slice(2)}`],
    ['base64 with stray bits in its last character', `${'A'.repeat(42)}B=`],
  ])('refuses %s with a message that says what a key is', (_label, text) => {
    expect(() => parseKey(text, 'RELANCE_ENCRYPTION_KEY')).toThrow(/RELANCE_ENCRYPTION_KEY: not a 32-byte key .*openssl rand -base64 32/);
  });

  it('reads a comma-separated list of old keys, naming the bad one', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    expect(parseKeys(`${a.toString('hex')}, ${b.toString('base64')},`).map((k) => k.toString('hex'))).toEqual([a.toString('hex'), b.toString('hex')]);
    expect(parseKeys(undefined)).toEqual([]);
    expect(() => parseKeys(`${a.toString('hex')},nope`)).toThrow(/RELANCE_ENCRYPTION_KEYS_OLD\[2\]/);
  });
});

describe('token cipher', () => {
  it('opens what it sealed, whatever the text (property)', () => {
    const cipher = createTokenCipher(KEY);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), (plain, context) => {
        const sealed = cipher.seal(plain, context);
        expect(cipher.open(sealed, context)).toBe(plain);
        expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]{16}\.[\w-]{22}\.[\w-]*$/);
        if (plain.length >= 4) expect(sealed).not.toContain(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('names the key that sealed (first 8 hex digits of its SHA-256) and uses a new IV each time', () => {
    const cipher = createTokenCipher(KEY);
    const a = cipher.seal('xoxb-1-secret');
    const b = cipher.seal('xoxb-1-secret');
    expect(a.split('.')[1]).toBe(keyIdOf(KEY));
    expect(keyIdOf(KEY)).toBe(createHash('sha256').update(KEY).digest('hex').slice(0, 8));
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(a).not.toBe(b);
  });

  it('refuses any altered byte (property): IV, tag or ciphertext', () => {
    const cipher = createTokenCipher(KEY);
    const sealed = cipher.seal('xoxb-123456789-abcdefghijkl');
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (part, at, flip) => {
        const parts = sealed.split('.');
        const bytes = Buffer.from(parts[part]!, 'base64url');
        bytes[at % bytes.length]! ^= flip;
        parts[part] = bytes.toString('base64url');
        expect(() => cipher.open(parts.join('.'))).toThrow(/does not open/);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['not sealed at all', 'xoxb-plain-token'],
    ['another version', 'v2.00000000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['a part missing', 'v1.00000000.AAAAAAAAAAAAAAAA.AAAA'],
    ['a short IV', `v1.${keyIdOf(KEY)}.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA`],
    ['bad characters', `v1.${keyIdOf(KEY)}.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.A+/=`],
  ])('refuses %s', (_label, text) => {
    expect(() => createTokenCipher(KEY).open(text)).toThrow(/not a sealed value/);
  });

  it('refuses a value sealed by a key it does not hold, and says how to fix it', () => {
    const sealed = createTokenCipher(OTHER).seal('xoxb-1');
    expect(() => createTokenCipher(KEY).open(sealed)).toThrow(/unknown key .*RELANCE_ENCRYPTION_KEYS_OLD/);
  });

  it('refuses a value sealed for another context (a token moved to another row)', () => {
    const cipher = createTokenCipher(KEY);
    const sealed = cipher.seal('xoxb-team-a', 'slack:T0A:bot');
    expect(() => cipher.open(sealed, 'slack:T0B:bot')).toThrow(/does not open/);
    expect(() => cipher.open(sealed)).toThrow(/does not open/);
    expect(cipher.open(sealed, 'slack:T0A:bot')).toBe('xoxb-team-a');
  });

  it('rotates: the new key seals, the old one still opens what it sealed, which is then stale', () => {
    const before = createTokenCipher(KEY);
    const sealed = before.seal('xoxb-old', 'ctx');
    const after = createTokenCipher(OTHER, [KEY]);
    expect(after.open(sealed, 'ctx')).toBe('xoxb-old');
    expect(after.isStale(sealed)).toBe(true);
    const again = after.seal('xoxb-old', 'ctx');
    expect(after.isStale(again)).toBe(false);
    expect(again.split('.')[1]).toBe(keyIdOf(OTHER));
    // Once the old key is dropped, only the resealed value opens.
    const later = createTokenCipher(OTHER);
    expect(later.open(again, 'ctx')).toBe('xoxb-old');
    expect(() => later.open(sealed, 'ctx')).toThrow(/unknown key/);
  });

  it('is built from the environment variables', () => {
    const cipher = tokenCipherFrom({ RELANCE_ENCRYPTION_KEY: OTHER.toString('base64'), RELANCE_ENCRYPTION_KEYS_OLD: KEY.toString('hex') });
    expect(cipher.keyId).toBe(keyIdOf(OTHER));
    expect(cipher.open(createTokenCipher(KEY).seal('x'))).toBe('x');
    expect(() => tokenCipherFrom({})).toThrow(/RELANCE_ENCRYPTION_KEY/);
    expect(() => createTokenCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
