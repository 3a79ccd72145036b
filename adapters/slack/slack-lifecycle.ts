// The end of an installation (OAuth mode): `app_uninstalled` (Relance removed from the workspace
// or organisation) and `tokens_revoked` (tokens revoked by an admin, or by Slack). The tokens
// are dropped from the installation store at once, so nothing more is sent with them and Bolt
// refuses the workspace's next requests; the workspace's Relance data (deals, activities,
// members) stays until an admin erases it. Bolt runs these two events without `authorize`
// (there is no token left to authorise with), so the installation is named from the event's
// authorisation: the organisation for an org-wide install, else the workspace.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackInstallationStore } from './slack-installation-store.ts';
import { tenantOf, type SlackContext } from './slack-tenant.ts';

export interface LifecycleDeps {
  store: Pick<SlackInstallationStore, 'revoke'>;
  logger: Logger;
  /** Told after an installation lost its bot token (e.g. to drop cached clients). */
  onRevoked?: (installationId: string) => void;
}

export function registerLifecycleListeners(app: App, deps: LifecycleDeps): void {
  const { store, logger } = deps;

  app.event('app_uninstalled', async ({ body, context }) => {
    const id = tenantOf(context as SlackContext, (body as { team_id?: string }).team_id);
    const changed = await store.revoke({ id, tokens: 'all' });
    deps.onRevoked?.(id);
    logger.info({ installation: id, known: changed }, 'slack: uninstalled; tokens dropped, workspace data kept');
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    const id = tenantOf(context as SlackContext, (body as { team_id?: string }).team_id);
    const tokens = (event as { tokens?: { bot?: string[]; oauth?: string[] } }).tokens ?? {};
    // Slack lists bot user ids under `bot`: ours is one of them whenever the bot token went.
    if ((tokens.bot?.length ?? 0) > 0) {
      const changed = await store.revoke({ id, tokens: 'bot' });
      deps.onRevoked?.(id);
      logger.info({ installation: id, known: changed }, 'slack: bot token revoked; workspace data kept');
    }
    if ((tokens.oauth?.length ?? 0) > 0) {
      await store.revoke({ id, tokens: 'user' });
      logger.info({ installation: id, users: tokens.oauth!.length }, 'slack: user tokens revoked');
    }
  });
}
