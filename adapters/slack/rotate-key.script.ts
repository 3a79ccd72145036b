// npx tsx adapters/slack/rotate-key.script.ts
// After a key rotation (new RELANCE_ENCRYPTION_KEY, the previous one moved to
// RELANCE_ENCRYPTION_KEYS_OLD), seals every stored Slack token again with the new key, so the
// old key can then be removed. Without it, each token is sealed again the next time its
// workspace is used. Reads the same environment as `relance`.
import { databaseTarget, loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { tokenCipherFrom } from '../../src/security/token-cipher.ts';
import { createSlackInstallationStore } from './slack-installation-store.ts';

/** Seals every Slack token with the current key; what changed, and the installations no key opens. */
export async function rotateSlackKey(env: NodeJS.ProcessEnv = process.env): Promise<{ keyId: string; resealed: number; unreadable: string[] }> {
  const config = loadConfig(env);
  const cipher = tokenCipherFrom(config);
  const database = await openDatabase({ target: databaseTarget(config) });
  try {
    const result = await createSlackInstallationStore({ db: database.db, cipher }).resealAll();
    return { keyId: cipher.keyId, ...result };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { keyId, resealed, unreadable } = await rotateSlackKey();
  process.stdout.write(`Slack tokens sealed again with key ${keyId}: ${resealed} installation(s) changed.\n`);
  if (unreadable.length > 0) {
    process.stdout.write(`No key opens these installations (install Relance there again, or add their key to RELANCE_ENCRYPTION_KEYS_OLD): ${unreadable.join(', ')}\n`);
    process.exitCode = 1;
  }
}
