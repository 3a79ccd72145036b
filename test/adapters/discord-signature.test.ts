// Discord's Ed25519 request signatures, with a key pair made here (the application's key in the
// Developer Portal is the same kind of key).
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discordPublicKey, verifyDiscordSignature } from '../../adapters/discord/discord-signature.ts';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const key = discordPublicKey(publicHex);
const now = Date.UTC(2026, 10, 24, 9, 0, 0);
const seconds = String(Math.floor(now / 1000));
const body = Buffer.from('{"type":1}');
const signed = (timestamp: string, raw: Buffer) => sign(null, Buffer.concat([Buffer.from(timestamp), raw]), privateKey).toString('hex');

describe('Discord request signatures', () => {
  it('accepts a request signed with the application key', () => {
    expect(verifyDiscordSignature(key, { signature: signed(seconds, body), timestamp: seconds }, body, now)).toEqual({ ok: true });
    // A timestamp four minutes away (clock skew) is still fine.
    const skewed = String(Number(seconds) - 240);
    expect(verifyDiscordSignature(key, { signature: signed(skewed, body), timestamp: skewed }, body, now).ok).toBe(true);
  });

  it('refuses a changed body, another timestamp or another key', () => {
    const signature = signed(seconds, body);
    expect(verifyDiscordSignature(key, { signature, timestamp: seconds }, Buffer.from('{"type":2}'), now)).toEqual({ ok: false, reason: 'bad signature' });
    const other = String(Number(seconds) + 1);
    expect(verifyDiscordSignature(key, { signature, timestamp: other }, body, now)).toEqual({ ok: false, reason: 'bad signature' });
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forged = sign(null, Buffer.concat([Buffer.from(seconds), body]), stranger).toString('hex');
    expect(verifyDiscordSignature(key, { signature: forged, timestamp: seconds }, body, now)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses missing or malformed headers and timestamps more than five minutes away', () => {
    const signature = signed(seconds, body);
    expect(verifyDiscordSignature(key, { signature: undefined, timestamp: seconds }, body, now).ok).toBe(false);
    expect(verifyDiscordSignature(key, { signature, timestamp: undefined }, body, now)).toEqual({ ok: false, reason: 'missing headers' });
    expect(verifyDiscordSignature(key, { signature: [signature, signature], timestamp: seconds }, body, now)).toEqual({ ok: false, reason: 'missing headers' });
    expect(verifyDiscordSignature(key, { signature: signature.slice(2), timestamp: seconds }, body, now)).toEqual({ ok: false, reason: 'malformed signature' });
    expect(verifyDiscordSignature(key, { signature: `zz${signature.slice(2)}`, timestamp: seconds }, body, now)).toEqual({ ok: false, reason: 'malformed signature' });
    expect(verifyDiscordSignature(key, { signature, timestamp: '1.5e9' }, body, now)).toEqual({ ok: false, reason: 'malformed timestamp' });
    const stale = String(Number(seconds) - 301);
    expect(verifyDiscordSignature(key, { signature: signed(stale, body), timestamp: stale }, body, now)).toEqual({ ok: false, reason: 'stale timestamp' });
    const future = String(Number(seconds) + 301);
    expect(verifyDiscordSignature(key, { signature: signed(future, body), timestamp: future }, body, now)).toEqual({ ok: false, reason: 'stale timestamp' });
  });

  it('refuses a public key that is not 64 hex digits', () => {
    expect(() => discordPublicKey('abc')).toThrow(/64 hex/);
  });
});
