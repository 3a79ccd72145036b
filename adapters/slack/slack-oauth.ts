// Installing Relance into many Slack workspaces (OAuth v2 distribution), with @slack/oauth's
// InstallProvider (what Bolt uses inside its own receivers; Bolt 5.1 does not re-export the
// class, so it comes from @slack/oauth, a dependency of Bolt pinned beside it):
// - GET /slack/install sends the browser straight to Slack's consent screen (direct install),
//   with a signed `state` that is also set as a cookie in that browser;
// - GET /slack/oauth_redirect checks the state against the cookie (CSRF), trades the code for
//   tokens (oauth.v2.access), keeps them sealed (slack-installation-store.ts) and shows a short
//   page in the person's language (slack-install-pages.ts);
// - `authorize` gives Bolt the token of the workspace (or organisation) each request comes from.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as BoltLogger } from '@slack/bolt';
import { InstallProvider, type CodedError, type InstallURLOptions } from '@slack/oauth';
import type { Logger } from 'pino';
import { slackOAuthEnabled, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { tokenCipherFrom, type TokenCipher } from '../../src/security/token-cipher.ts';
import type { HttpRequestContext, HttpRoute } from '../../src/server/http-route.ts';
import { BOT_SCOPES } from './manifest.ts';
import { pageLanguage, sendFailedPage, sendInstalledPage, type InstallFailure } from './slack-install-pages.ts';
import { createSlackInstallationStore, type SlackInstallationStore } from './slack-installation-store.ts';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** What OAuth mode needs: the app's credentials, the state secret, the cipher and the database. */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the install `state` (SLACK_STATE_SECRET). */
  stateSecret: string;
  /** Seals tokens at rest (RELANCE_ENCRYPTION_KEY, RELANCE_ENCRYPTION_KEYS_OLD). */
  cipher: TokenCipher;
  db: Database;
  /** The bot's clock for installed/updated/revoked times. */
  now?: () => Date;
  /**
   * The redirect URL sent to Slack (https://host/slack/oauth_redirect). Optional: with a single
   * Redirect URL in the app's settings, Slack uses that one.
   */
  redirectUri?: string;
}

export interface SlackOAuth {
  store: SlackInstallationStore;
  installer: InstallProvider;
  /** Bolt's `authorize`: the installation of the workspace a request comes from, or a throw (Bolt then runs nothing). */
  authorize: InstallProvider['authorize'];
  /** GET /slack/install and GET /slack/oauth_redirect. */
  routes(): HttpRoute[];
}

export interface SlackOAuthDeps {
  /** Web API base URL (Slack's by default; tests point it at a fake oauth.v2.access). */
  apiUrl?: string;
  logger: Logger;
  boltLogger: BoltLogger;
}

/** Why the callback failed, in terms of what the person can do about it. */
function failureOf(error: CodedError, req: IncomingMessage): InstallFailure {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  if (query.get('error') === 'access_denied') return 'cancelled';
  switch (error.code) {
    case 'slack_oauth_missing_state':
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_code':
      return 'state';
    case 'slack_oauth_installer_authorization_error':
      return 'cancelled';
    // oauth.v2.access said no (invalid_code, code_already_used, bad_redirect_uri…).
    case 'slack_webapi_platform_error':
      return 'refused';
    default:
      return 'failed';
  }
}

export function createSlackOAuth(options: SlackOAuthOptions, deps: SlackOAuthDeps): SlackOAuth {
  const { logger } = deps;
  const store = createSlackInstallationStore({
    db: options.db,
    cipher: options.cipher,
    ...(options.now ? { now: options.now } : {}),
    onResealError: (error, rowId) => logger.warn({ err: error, installation: rowId }, 'slack: could not seal a token again with the current key (retried at its next read)'),
  });
  const installUrlOptions: InstallURLOptions = { scopes: BOT_SCOPES, ...(options.redirectUri ? { redirectUri: options.redirectUri } : {}) };
  const installer = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    stateVerification: true,
    installationStore: store,
    installUrlOptions,
    // Straight to Slack's consent screen: no landing page of ours to keep.
    directInstall: true,
    logger: deps.boltLogger,
    clientOptions: { ...(deps.apiUrl ? { slackApiUrl: deps.apiUrl } : {}), retryConfig: { retries: 2 } },
  });

  const install = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await installer.handleInstallPath(req, res);
  };

  const redirect = async (req: IncomingMessage, res: ServerResponse, context?: HttpRequestContext): Promise<void> => {
    const lang = pageLanguage(req.headers['accept-language']);
    const log = context?.logger ?? logger;
    await installer.handleCallback(req, res, {
      successAsync: async (installation) => {
        const where = installation.isEnterpriseInstall ? { enterprise: installation.enterprise?.id } : { team: installation.team?.id, enterprise: installation.enterprise?.id };
        log.info({ ...where, orgWide: Boolean(installation.isEnterpriseInstall) }, 'slack: installed');
        sendInstalledPage(res, lang, installation.team?.name ?? installation.enterprise?.name ?? 'Slack');
      },
      failureAsync: async (error, _options, request) => {
        const why = failureOf(error, request);
        // Only the code and Slack's error name: never the request's query (it holds the code).
        const slackError = (error as { data?: { error?: string } }).data?.error;
        log[why === 'failed' ? 'error' : 'warn']({ code: error.code, slackError, why, ...(why === 'failed' ? { err: error } : {}) }, 'slack: installation refused');
        sendFailedPage(res, lang, why, { installPath: INSTALL_PATH, ...(context ? { requestId: context.requestId } : {}) });
      },
    });
  };

  return {
    store,
    installer,
    authorize: installer.authorize,
    routes: () => [
      { method: 'GET', path: INSTALL_PATH, handle: (req, res) => install(req, res) },
      { method: 'GET', path: REDIRECT_PATH, handle: (req, res, context) => redirect(req, res, context) },
    ],
  };
}

/** OAuth mode's options from the configuration, or undefined in single-token mode (SLACK_BOT_TOKEN). */
export function slackOAuthOptionsFrom(config: Config, db: Database, now?: () => Date): SlackOAuthOptions | undefined {
  if (!slackOAuthEnabled(config)) return undefined;
  // loadConfig checked they are all set together.
  return {
    clientId: config.SLACK_CLIENT_ID!,
    clientSecret: config.SLACK_CLIENT_SECRET!,
    stateSecret: config.SLACK_STATE_SECRET!,
    cipher: tokenCipherFrom(config),
    db,
    ...(now ? { now } : {}),
  };
}
