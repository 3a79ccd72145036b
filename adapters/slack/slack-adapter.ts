// The Slack transport: the real Bolt App over HTTP (signed requests at /slack/events) or
// Socket Mode, listeners from slack-listeners.ts, replies rendered as Block Kit.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChatAdapter, ConversationRef, EventHandler, Reply } from '../../src/core/types.ts';
import { createHomePublisher, type HomePublisher } from './slack-home.ts';
import { createSlackIdentity } from './slack-identity.ts';
import { registerListeners } from './slack-listeners.ts';
import { SlackRequestReceiver } from './slack-receiver.ts';
import { sendViaApi } from './slack-reply.sender.ts';

export interface SlackAdapterConfig {
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode (xapp-… token): no public URL needed. */
  appToken?: string;
  /** HTTP port; 0 picks a free one. */
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

export interface SlackAdapter extends ChatAdapter {
  /** The HTTP server in HTTP mode, once started. */
  readonly server: Server | undefined;
  /** The port actually listened on (HTTP mode). */
  readonly port: number | undefined;
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
  const logger = boltLogger(config.logger);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: config.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
  };
  const app = config.appToken
    ? new App({ token: config.botToken, appToken: config.appToken, socketMode: true, logger, logLevel: LogLevel.WARN, clientOptions })
    : new App({
        token: config.botToken,
        // Every request is verified (timestamp within 5 minutes either way) and validated
        // before Bolt sees it; ack answers at once, the work goes on after (Slack's 3-second rule).
        receiver: new SlackRequestReceiver({
          signingSecret: config.signingSecret!,
          endpoint: '/slack/events',
          logger: config.logger,
          boltLogger: logger,
          ...(config.now ? { now: config.now } : {}),
        }),
        logger,
        logLevel: LogLevel.WARN,
        clientOptions,
      });
  app.error(async (error) => {
    config.logger.error({ err: error }, 'slack listener error');
  });
  let server: Server | undefined;
  let started = false;
  let home: HomePublisher | undefined;
  const identity = createSlackIdentity(config.logger);
  // Home views go through their own client: no retries inside it and a 429 handed back, so
  // slack-home.ts retries once after Retry-After without pausing the shared client's queue.
  const homeClient = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger,
    logLevel: LogLevel.WARN,
  });
  return {
    platform: 'slack',
    get server() {
      return server;
    },
    get port() {
      return server ? (server.address() as AddressInfo).port : undefined;
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
      if (config.appToken) {
        await app.start();
      } else {
        server = (await app.start(config.port ?? 3000)) as Server;
      }
      started = true;
    },
    async stop() {
      // No home refresh fires after stop (its timers are cleared).
      home?.stop();
      // Keep-alive connections from Slack would hold server.close() open: drop them first.
      server?.closeAllConnections();
      if (started) await app.stop();
      started = false;
    },
    async send(ref: ConversationRef, reply: Reply) {
      // The reply carries its language: nothing to look up about the member.
      await sendViaApi(app.client, ref, reply, { logger: config.logger });
    },
  };
}
