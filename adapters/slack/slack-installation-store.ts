// Where Slack installations live (OAuth distribution): Bolt's InstallationStore on the
// `slack_installations` table. One row per workspace (`T…`) or per organisation for an
// org-wide install (`E…`); what Slack returned is kept without its tokens, and the tokens are
// sealed (src/security/token-cipher.ts), each bound to its row and kind so a sealed token
// copied to another row does not open. A row whose tokens were revoked (app_uninstalled,
// tokens_revoked, deleteInstallation) keeps its place but answers nothing: fetchInstallation
// throws, so Bolt refuses the workspace's requests. The workspace's Relance data is untouched.
//
// Rotation: a token sealed by an older key is sealed again with the current one the next time
// it is read; `resealAll` does every row at once.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { eq, isNotNull, or } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { slackInstallations } from '../../src/db/schema.ts';
import type { TokenCipher } from '../../src/security/token-cipher.ts';

type Row = typeof slackInstallations.$inferSelect;
type AnyInstallation = Installation<'v1' | 'v2', boolean>;
type TokenKind = 'bot' | 'user' | 'bot-refresh' | 'user-refresh';

/** What a token is sealed for: its row and its kind. */
const contextOf = (rowId: string, kind: TokenKind): string => `slack:${rowId}:${kind}`;

/** The row an installation is kept in: the organisation for an org-wide install, else the workspace. */
export function installationIdOf(installation: Pick<AnyInstallation, 'isEnterpriseInstall' | 'enterprise' | 'team'>): string {
  const id = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (!id) throw new Error(`Slack installation without ${installation.isEnterpriseInstall ? 'an enterprise' : 'a team'} id`);
  return id;
}

export class InstallationNotFoundError extends Error {}

export interface SlackInstallationStoreOptions {
  db: Database;
  cipher: TokenCipher;
  /** The bot's clock for installed/updated/revoked times. */
  now?: () => Date;
  /** Told when a stale token could not be sealed again (it still works; it is retried next read). */
  onResealError?: (error: unknown, rowId: string) => void;
}

export interface RevokeRequest {
  /** The row: the workspace (`T…`) or the organisation of an org-wide install (`E…`). */
  id: string;
  /** Which tokens Slack revoked; `all` for an uninstall. */
  tokens: 'all' | 'bot' | 'user';
}

export interface SlackInstallationStore extends InstallationStore {
  /**
   * The bot token for a Relance workspace id (a team id, or an enterprise id for an org-wide
   * install: adapters/slack/slack-tenant.ts), or undefined when none is installed and live.
   */
  botTokenFor(workspaceId: string): Promise<string | undefined>;
  /** Drops the given tokens of an installation (the row and the workspace's data stay); true if a row changed. */
  revoke(request: RevokeRequest): Promise<boolean>;
  /**
   * Seals again, with the current key, every token an older key sealed. Rows none of the keys
   * opens are left as they are and named (their workspaces must install Relance again).
   */
  resealAll(): Promise<{ resealed: number; unreadable: string[] }>;
}

/** Everything Slack returned, minus the secrets (they go to their own sealed columns). */
function withoutTokens(installation: AnyInstallation, seal: (token: string, kind: TokenKind) => string): Record<string, unknown> {
  const copy = structuredClone(installation) as unknown as Record<string, any>;
  if (copy['bot']) {
    delete copy['bot'].token;
    // Token rotation is off in the manifest; if it is ever turned on, refresh tokens stay sealed too.
    if (copy['bot'].refreshToken) copy['bot'].refreshToken = { sealed: seal(copy['bot'].refreshToken, 'bot-refresh') };
  }
  if (copy['user']) {
    delete copy['user'].token;
    if (copy['user'].refreshToken) copy['user'].refreshToken = { sealed: seal(copy['user'].refreshToken, 'user-refresh') };
  }
  // The incoming webhook URL is a credential too (Relance does not ask for it).
  delete copy['incomingWebhook'];
  return copy;
}

export function createSlackInstallationStore(options: SlackInstallationStoreOptions): SlackInstallationStore {
  const { db, cipher } = options;
  const now = options.now ?? (() => new Date());

  const load = async (id: string): Promise<Row | undefined> => (await db.select().from(slackInstallations).where(eq(slackInstallations.id, id)).limit(1))[0];

  /** The row serving a query: the org-wide install for any team of the organisation, else the workspace's own. */
  async function rowFor(query: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): Promise<Row | undefined> {
    if (query.isEnterpriseInstall && query.enterpriseId) return load(query.enterpriseId);
    const own = query.teamId ? await load(query.teamId) : undefined;
    if (own || !query.enterpriseId) return own;
    // A workspace of an organisation that installed Relance org-wide, asked about as a workspace.
    const org = await load(query.enterpriseId);
    return org?.isEnterpriseInstall ? org : undefined;
  }

  /** Opens a token; one sealed by an older key is sealed again in its row (best effort). */
  function openToken(row: Row, column: 'botTokenSealed' | 'userTokenSealed', kind: TokenKind): string | undefined {
    const sealed = row[column];
    if (!sealed) return undefined;
    const token = cipher.open(sealed, contextOf(row.id, kind));
    if (cipher.isStale(sealed)) {
      const resealed = cipher.seal(token, contextOf(row.id, kind));
      void db
        .update(slackInstallations)
        .set({ [column]: resealed })
        .where(eq(slackInstallations.id, row.id))
        .catch((error: unknown) => options.onResealError?.(error, row.id));
    }
    return token;
  }

  function installationOf(row: Row): AnyInstallation {
    const stored = structuredClone(row.installation) as Record<string, any>;
    const bot = openToken(row, 'botTokenSealed', 'bot');
    if (stored['bot']) {
      stored['bot'].token = bot;
      if (stored['bot'].refreshToken?.sealed) stored['bot'].refreshToken = cipher.open(stored['bot'].refreshToken.sealed, contextOf(row.id, 'bot-refresh'));
    }
    stored['user'] = { ...(stored['user'] ?? {}), token: openToken(row, 'userTokenSealed', 'user') };
    if (stored['user'].refreshToken?.sealed) stored['user'].refreshToken = cipher.open(stored['user'].refreshToken.sealed, contextOf(row.id, 'user-refresh'));
    return stored as unknown as AnyInstallation;
  }

  async function revoke(request: RevokeRequest): Promise<boolean> {
    const at = now();
    const changes =
      request.tokens === 'all'
        ? { botTokenSealed: null, userTokenSealed: null, revokedAt: at, updatedAt: at }
        : request.tokens === 'bot'
          ? { botTokenSealed: null, revokedAt: at, updatedAt: at }
          : { userTokenSealed: null, updatedAt: at };
    const changed = await db.update(slackInstallations).set(changes).where(eq(slackInstallations.id, request.id)).returning({ id: slackInstallations.id });
    return changed.length > 0;
  }

  return {
    async storeInstallation(installation) {
      const id = installationIdOf(installation);
      const at = now();
      const seal = (token: string, kind: TokenKind): string => cipher.seal(token, contextOf(id, kind));
      const values = {
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
        botUserId: installation.bot?.userId ?? null,
        botTokenSealed: installation.bot?.token ? seal(installation.bot.token, 'bot') : null,
        userTokenSealed: installation.user?.token ? seal(installation.user.token, 'user') : null,
        installation: withoutTokens(installation as AnyInstallation, seal),
        updatedAt: at,
        // Installed again after an uninstall: live again.
        revokedAt: null,
      };
      await db
        .insert(slackInstallations)
        .values({ id, ...values, installedAt: at })
        .onConflictDoUpdate({ target: slackInstallations.id, set: values });
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const row = await rowFor(query);
      const who = query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`;
      if (!row) throw new InstallationNotFoundError(`Relance is not installed in Slack ${who}`);
      if (row.revokedAt || !row.botTokenSealed) throw new InstallationNotFoundError(`Relance was uninstalled from Slack ${who} (tokens revoked)`);
      return installationOf(row);
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const row = await rowFor(query);
      if (row) await revoke({ id: row.id, tokens: 'all' });
    },

    async botTokenFor(workspaceId) {
      // The Relance workspace id is the row's id (the team, or the organisation when org-wide).
      const row = await load(workspaceId);
      if (!row || row.revokedAt) return undefined;
      return openToken(row, 'botTokenSealed', 'bot');
    },

    revoke,

    async resealAll() {
      const rows = await db
        .select()
        .from(slackInstallations)
        .where(or(isNotNull(slackInstallations.botTokenSealed), isNotNull(slackInstallations.userTokenSealed)));
      let resealed = 0;
      const unreadable: string[] = [];
      for (const row of rows) {
        const again = (sealed: string | null, kind: TokenKind): string | null => (sealed && cipher.isStale(sealed) ? cipher.seal(cipher.open(sealed, contextOf(row.id, kind)), contextOf(row.id, kind)) : sealed);
        let changes: { botTokenSealed: string | null; userTokenSealed: string | null; installation: Record<string, any> };
        try {
          const installation = structuredClone(row.installation) as Record<string, any>;
          for (const [part, kind] of [['bot', 'bot-refresh'], ['user', 'user-refresh']] as const) {
            const sealed = installation[part]?.refreshToken?.sealed as string | undefined;
            if (sealed) installation[part].refreshToken = { sealed: again(sealed, kind) };
          }
          changes = { botTokenSealed: again(row.botTokenSealed, 'bot'), userTokenSealed: again(row.userTokenSealed, 'user'), installation };
        } catch {
          unreadable.push(row.id);
          continue;
        }
        if (changes.botTokenSealed === row.botTokenSealed && changes.userTokenSealed === row.userTokenSealed && JSON.stringify(changes.installation) === JSON.stringify(row.installation)) continue;
        // Not updatedAt: the installation did not change, only the key its tokens are sealed with.
        await db.update(slackInstallations).set(changes).where(eq(slackInstallations.id, row.id));
        resealed += 1;
      }
      return { resealed, unreadable };
    },
  };
}
