// Discord signs every request to the Interactions Endpoint URL with the application's Ed25519
// key: X-Signature-Ed25519 (hex) over X-Signature-Timestamp + the raw body. A request that does
// not verify is refused before anything of it is read; Discord itself sends such requests when
// the URL is saved in the Developer Portal, to check that the endpoint refuses them.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER header of an Ed25519 SubjectPublicKeyInfo: node:crypto takes the raw 32-byte key after it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A timestamp further than this from our clock is refused: a captured request cannot be replayed later. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** The public key from its 64 hex digits (DISCORD_PUBLIC_KEY), ready to verify with. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('the Discord public key must be 64 hex digits');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing headers' | 'malformed signature' | 'malformed timestamp' | 'stale timestamp' | 'bad signature' };

/**
 * Whether Discord signed this body. Ed25519 verification takes the same time whatever the
 * signature, so nothing leaks through timing; the checks before it look only at the shape of
 * the headers, which an attacker knows anyway.
 */
export function verifyDiscordSignature(
  key: KeyObject,
  headers: { signature: string | string[] | undefined; timestamp: string | string[] | undefined },
  rawBody: Buffer,
  nowMs: number,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !signature || !timestamp) return { ok: false, reason: 'missing headers' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) return { ok: false, reason: 'malformed signature' };
  // Seconds since the epoch, as Discord sends them.
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? { ok: true } : { ok: false, reason: 'bad signature' };
}
