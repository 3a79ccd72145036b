// The Slack transport: the real Bolt App over HTTP (signed requests at /slack/events) or
// Socket Mode, listeners from slack-listeners.ts, replies rendered as Block Kit.
//
// Two ways to hold tokens:
// - one workspace: SLACK_BOT_TOKEN (`botToken`), over HTTP or Socket Mode;
// - many workspaces (`oauth`): workspaces install Relance at /slack/install, their tokens are
//   kept sealed in PostgreSQL (slack-oauth.ts), Bolt's `authorize` picks each request's token,
//   and messages sent later (reminders, App Home) use the token of the message's workspace.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ConversationRef, EventHandler, Reply } from '../../src/core/types.ts';
import type { Inbox } from '../../src/inbox/inbox-runtime.ts';
import type { HttpChatAdapter, HttpRoute } from '../../src/server/http-route.ts';
import { instrumentSlackClient } from './slack-client-metrics.ts';
import { createHomePublisher, type HomePublisher } from './slack-home.ts';
import { createSlackIdentity } from './slack-identity.ts';
import { registerLifecycleListeners } from './slack-lifecycle.ts';
import { registerListeners } from './slack-listeners.ts';
import { createSlackOAuth, type SlackOAuth, type SlackOAuthOptions } from './slack-oauth.ts';
import { SlackRequestReceiver } from './slack-receiver.ts';
import { sendViaApi } from './slack-reply.sender.ts';
import { serveRoutes } from './slack-route-server.ts';

type WebClient = webApi.WebClient;

export interface SlackAdapterConfig {
  /** One workspace: its bot token (xoxb-…). Leave unset with `oauth`. */
  botToken?: string;
  /** Many workspaces: OAuth installs, tokens sealed in the database (HTTP mode only). */
  oauth?: SlackOAuthOptions;
  /** Deliveries are recorded there before their acknowledgement (PostgreSQL), and replayed by another replica if this one stops. */
  inbox?: Inbox;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode (xapp-… token): no public URL needed. */
  appToken?: string;
  /**
   * HTTP port of the adapter's own server (0 picks a free one). Unset: nothing listens here and
   * the deployment's server mounts `routes()`.
   */
  port?: number;
  /** Web API base URL (`https://slack.com/api/` by default). */
  apiUrl?: string;
  /** Retries of Web API calls (429 responses wait for Retry-After first). */
  retries?: number;
  /**
   * The clock for the signature timestamp check (Date.now by default; tests inject one). Slack
   * signs with the real time, so a fixed `--now` / RELANCE_NOW is deliberately not passed here.
   */
  now?: () => number;
  /** Time between two refreshes of a member's App Home after their own changes (10 s by default). */
  homeRefreshMs?: number;
  logger: Logger;
}

export interface SlackAdapter extends HttpChatAdapter {
  /** The HTTP server in HTTP mode, once started with a port. */
  readonly server: Server | undefined;
  /** The port actually listened on (HTTP mode). */
  readonly port: number | undefined;
  /** OAuth mode: the installer and the installation store. */
  readonly oauth: SlackOAuth | undefined;
}

/** Bolt logs through pino, so every log line has the same shape. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  let level = LogLevel.WARN;
  return {
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => child.error(msg.map(String).join(' ')),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function createSlackAdapter(config: SlackAdapterConfig): SlackAdapter {
  if (!config.appToken && !config.signingSecret) throw new Error('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  if (config.oauth && config.botToken) throw new Error('Slack: give one bot token (one workspace) or OAuth installs, not both');
  if (!config.oauth && !config.botToken) throw new Error('Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (installs)');
  if (config.oauth && config.appToken) throw new Error('Slack: OAuth installs are served over HTTP; Socket Mode (SLACK_APP_TOKEN) serves one workspace');
  const logger = boltLogger(config.logger);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: config.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
  };
  const oauth = config.oauth ? createSlackOAuth(config.oauth, { ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), logger: config.logger, boltLogger: logger }) : undefined;
  // With OAuth, every request gets its workspace's token from the store; else the one token.
  const tokenOrAuthorize = oauth ? { authorize: oauth.authorize } : { token: config.botToken! };
  const receiver = config.appToken
    ? undefined
    : // Every request is verified (timestamp within 5 minutes either way) and validated
      // before Bolt sees it; ack answers at once, the work goes on after (Slack's 3-second rule).
      new SlackRequestReceiver({
        signingSecret: config.signingSecret!,
        endpoint: '/slack/events',
        logger: config.logger,
        boltLogger: logger,
        ...(config.now ? { now: config.now } : {}),
        ...(config.inbox ? { inbox: config.inbox } : {}),
      });
  const app = receiver
    ? new App({ ...tokenOrAuthorize, receiver, logger, logLevel: LogLevel.WARN, clientOptions })
    : new App({ ...tokenOrAuthorize, appToken: config.appToken!, socketMode: true, logger, logLevel: LogLevel.WARN, clientOptions });
  if (receiver && config.inbox) config.inbox.onReplay('slack', (row) => receiver.replay(row));
  instrumentSlackClient(app.client);
  app.error(async (error) => {
    // A workspace that uninstalled Relance (or never installed it) is refused: expected, not a bug.
    if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
      config.logger.warn({ problem: error.message }, 'slack: request from a workspace without a live installation ignored');
      return;
    }
    config.logger.error({ err: error }, 'slack listener error');
  });
  let server: Server | undefined;
  let started = false;
  let home: HomePublisher | undefined;
  const identity = createSlackIdentity(config.logger);

  /** Clients for sends outside a request (reminders, homes) in OAuth mode: one per workspace, rebuilt when its token changes. */
  const clients = new Map<string, { token: string; client: WebClient; home: WebClient }>();
  // Home views go through their own client: no retries inside it and a 429 handed back, so
  // slack-home.ts retries once after Retry-After without pausing the shared client's queue.
  const homeClientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger, logLevel: LogLevel.WARN };
  async function clientsFor(workspaceId: string): Promise<{ client: WebClient; home: WebClient }> {
    const token = await oauth!.store.botTokenFor(workspaceId);
    if (!token) {
      clients.delete(workspaceId);
      throw new Error(`Slack: no live installation for workspace ${workspaceId}`);
    }
    const cached = clients.get(workspaceId);
    if (cached?.token === token) return cached;
    // Counted in the metrics, and their 429s pause the pacer's keys (slack-client-metrics.ts).
    const entry = {
      token,
      client: instrumentSlackClient(new webApi.WebClient(token, { ...clientOptions, logger, logLevel: LogLevel.WARN })),
      home: instrumentSlackClient(new webApi.WebClient(token, homeClientOptions)),
    };
    clients.set(workspaceId, entry);
    return entry;
  }
  const homeClient: WebClient | ((workspaceId: string) => Promise<WebClient>) = oauth
    ? async (workspaceId) => (await clientsFor(workspaceId)).home
    : instrumentSlackClient(new webApi.WebClient(config.botToken, homeClientOptions));
  if (oauth) registerLifecycleListeners(app, { store: oauth.store, logger: config.logger, onRevoked: (id) => clients.delete(id) });

  const routes = (): HttpRoute[] => [
    ...(receiver ? [{ method: 'POST' as const, path: '/slack/events', handle: receiver.handle.bind(receiver) }] : []),
    ...(oauth ? oauth.routes() : []),
  ];

  return {
    platform: 'slack',
    oauth,
    get server() {
      return server;
    },
    get port() {
      return server ? (server.address() as AddressInfo).port : undefined;
    },
    routes,
    async ready() {
      // OAuth mode has no token of its own to check: each workspace's is checked as it is used.
      if (oauth) return { ok: true, detail: 'oauth installs' };
      try {
        // Its own client: no retries and a short timeout, so a readiness probe never waits on backoff.
        const probe = new webApi.WebClient(config.botToken, { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 0 }, timeout: 5_000, logger, logLevel: LogLevel.WARN });
        await probe.auth.test();
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
    async start(handler: EventHandler) {
      home = createHomePublisher({
        dispatch: async (event, respond) => {
          try {
            await handler(event, respond);
          } catch (error) {
            config.logger.error({ err: error, kind: event.kind, key: event.idempotencyKey }, 'slack event failed');
          }
        },
        client: homeClient,
        logger: config.logger,
        ...(config.homeRefreshMs !== undefined ? { refreshMs: config.homeRefreshMs } : {}),
      });
      registerListeners(app, { handler, identity, logger: config.logger, home });
      if (!receiver) {
        await app.start();
      } else if (config.port === undefined) {
        // The deployment's server mounts routes(); the receiver does not listen.
        await app.start();
      } else if (oauth) {
        // Alone with installs: one server for events and the install pages.
        await app.start();
        server = await serveRoutes(routes(), config.port, config.logger);
      } else {
        server = (await app.start(config.port)) as Server;
      }
      started = true;
    },
    async stop() {
      // No home refresh fires after stop (its timers are cleared).
      home?.stop();
      // Keep-alive connections from Slack would hold server.close() open: drop them first.
      server?.closeAllConnections();
      if (started) await app.stop();
      if (oauth && server) {
        // Our own server in OAuth mode (the receiver closes its own otherwise).
        const own = server;
        await new Promise<void>((resolve) => own.close(() => resolve()));
        server = undefined;
      }
      started = false;
    },
    async send(ref: ConversationRef, reply: Reply) {
      // The reply carries its language: nothing to look up about the member. With installs, the
      // token is the one of the workspace the message goes to (the ref holds no live handle).
      const client = oauth ? (await clientsFor(ref.workspaceId)).client : app.client;
      await sendViaApi(client, ref, reply, { logger: config.logger });
    },
  };
}
