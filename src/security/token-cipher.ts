// Seals secrets at rest (Slack bot and user tokens) with AES-256-GCM: a random 12-byte IV per
// seal, the 16-byte tag checked on open, and the id of the key that sealed it written in front,
// so a key can be rotated: the new key seals, older keys (RELANCE_ENCRYPTION_KEYS_OLD) still
// open what they sealed until it is sealed again.
//
// Format (every part base64url, no padding): `v1.<keyId>.<iv>.<tag>.<ciphertext>`, keyId being
// the first 8 hex digits of sha256(key) — it names the key without revealing it.
//
// An optional context string is bound as GCM additional data: a token sealed for one row
// (`slack:T123:bot`) does not open as another row's, so sealed values cannot be swapped in the
// database unnoticed.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class TokenCipherError extends Error {}

/** The key's public name: the first 8 hex digits of its SHA-256. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * A 32-byte key from its text: 64 hex digits, or base64 / base64url (43 characters, or 44 with
 * its `=`). Anything else is refused with a message naming `name` and how to make a key.
 */
export function parseKey(text: string, name = 'RELANCE_ENCRYPTION_KEY'): Buffer {
  const value = text.trim();
  const how = 'expected 32 random bytes as 64 hex digits or base64 (for example `openssl rand -base64 32`)';
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    // Buffer decoding is lenient: the key must be exactly what the text says, no stray bits.
    if (key.length === KEY_BYTES && key.toString('base64url') === value.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_')) return key;
  }
  const length = value.length;
  throw new TokenCipherError(`${name}: not a 32-byte key (${length} characters); ${how}`);
}

/** Keys from a comma-separated list (RELANCE_ENCRYPTION_KEYS_OLD); blanks ignored. */
export const parseKeys = (text: string | undefined, name = 'RELANCE_ENCRYPTION_KEYS_OLD'): Buffer[] =>
  (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => parseKey(part, `${name}[${index + 1}]`));

export interface TokenCipher {
  /** Id of the key that seals now. */
  readonly keyId: string;
  /** Seals `plain`, bound to `context` if given (the same context is needed to open it). */
  seal(plain: string, context?: string): string;
  /** Opens a sealed value with the key it names (current or old); throws when tampered, unknown or for another context. */
  open(sealed: string, context?: string): string;
  /** True when the value was sealed by an older key and should be sealed again. */
  isStale(sealed: string): boolean;
}

interface Parts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

function partsOf(sealed: string): Parts {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new TokenCipherError('not a sealed value (expected v1.<key>.<iv>.<tag>.<data>)');
  const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
  const b64 = /^[A-Za-z0-9_-]*$/;
  if (!/^[0-9a-f]{8}$/.test(keyId) || ![iv, tag, data].every((part) => b64.test(part))) throw new TokenCipherError('not a sealed value (bad characters)');
  const out = { keyId, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), data: Buffer.from(data, 'base64url') };
  if (out.iv.length !== IV_BYTES || out.tag.length !== TAG_BYTES) throw new TokenCipherError('not a sealed value (bad IV or tag length)');
  return out;
}

export function createTokenCipher(current: Buffer, old: Buffer[] = []): TokenCipher {
  for (const key of [current, ...old]) if (key.length !== KEY_BYTES) throw new TokenCipherError(`keys are ${KEY_BYTES} bytes (got ${key.length})`);
  const keyId = keyIdOf(current);
  // Current key first: if two keys ever shared an id, the current one is tried before the others.
  const keys = [current, ...old].map((key) => ({ id: keyIdOf(key), key }));
  return {
    keyId,
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES });
      if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const parts = partsOf(sealed);
      const candidates = keys.filter((entry) => entry.id === parts.keyId);
      if (candidates.length === 0) throw new TokenCipherError(`sealed with an unknown key (id ${parts.keyId}): add that key to RELANCE_ENCRYPTION_KEYS_OLD`);
      for (const { key } of candidates) {
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
          if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
          decipher.setAuthTag(parts.tag);
          return Buffer.concat([decipher.update(parts.data), decipher.final()]).toString('utf8');
        } catch {
          // Wrong key with a colliding id, tampered text or another context: try the next, then fail.
        }
      }
      throw new TokenCipherError(`sealed value does not open (key ${parts.keyId}): altered, or sealed for something else`);
    },
    isStale: (sealed) => partsOf(sealed).keyId !== keyId,
  };
}

/** The cipher of a deployment: RELANCE_ENCRYPTION_KEY seals, RELANCE_ENCRYPTION_KEYS_OLD still open. */
export function tokenCipherFrom(env: { RELANCE_ENCRYPTION_KEY?: string | undefined; RELANCE_ENCRYPTION_KEYS_OLD?: string | undefined }): TokenCipher {
  if (!env.RELANCE_ENCRYPTION_KEY) throw new TokenCipherError('RELANCE_ENCRYPTION_KEY: required to seal tokens');
  return createTokenCipher(parseKey(env.RELANCE_ENCRYPTION_KEY), parseKeys(env.RELANCE_ENCRYPTION_KEYS_OLD));
}
