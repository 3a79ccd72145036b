// Discord through its Interactions Endpoint URL: interactions arrive as signed HTTP requests on
// POST /discord/interactions (any number of replicas behind a load balancer), and everything the
// bot sends goes through REST (@discordjs/core over @discordjs/rest) with the bot token. No
// websocket: mentions and DMs, which only the gateway delivers, are the gateway adapter's
// (discord-adapter.ts, DISCORD_GATEWAY=on).
//
// Each interaction is verified (Ed25519), checked (zod, the gateway's schema), recorded in the
// inbox and only then answered: the HTTP response is the first answer (the core's reply when it
// comes within about 2 s, else a deferral), the rest go through REST with the interaction token.
// A replica that dies after recording leaves the row to another, which runs it again and answers
// by follow-up while the token lives (15 minutes), else in the member's DM.
import { API } from '@discordjs/core';
import { REST } from '@discordjs/rest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Inbox } from '../../src/inbox/inbox-runtime.ts';
import type { InboxRow } from '../../src/inbox/inbox.service.ts';
import type { HttpChatAdapter, HttpRequestContext, HttpRoute } from '../../src/server/http-route.ts';
import type { AutocompleteEvent, ConversationRef, EventHandler, IncomingEvent, Reply, Suggestions } from '../../src/core/types.ts';
import { autocompleteOfPayload, factsOfPayload } from './discord-api-interactions.ts';
import { clickOfFacts, eventOfFacts } from './discord-interaction-events.ts';
import { httpInteraction, type InitialResponse } from './discord-http-interaction.ts';
import { renderDiscordMessages } from './discord-message.renderer.ts';
import { briefError, checkInteraction, pingSchema, type CheckedInteractionPayload } from './discord-payloads.ts';
import { replaySink } from './discord-replay-sink.ts';
import { readRawBody } from './discord-request-body.ts';
import { InteractionResponder } from './discord-responder.ts';
import { restMessageOf, withoutFlags } from './discord-rest-messages.ts';
import { discordPublicKey, verifyDiscordSignature } from './discord-signature.ts';
import { withoutNul } from '../../src/db/nul-free.ts';
import { within } from '../../src/ops/within.ts';

/** The path Discord posts interactions to (Developer Portal › General Information › Interactions Endpoint URL). */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

/** The first answer waits this long for the core before deferring (Discord allows 3 s in all). */
const ANSWER_WITHIN_MS = 2_000;
/** A capture is answered with a modal, which cannot follow a deferral: it may wait a little longer. */
const CAPTURE_ANSWER_WITHIN_MS = 2_500;
/** Suggestions not ready by then are answered empty (Discord shows nothing rather than an error). */
const AUTOCOMPLETE_WITHIN_MS = 2_500;

export interface DiscordHttpAdapterOptions {
  /** The bot token (DISCORD_TOKEN): replies, follow-ups, DMs and reminders go through REST with it. */
  token: string;
  /** The application id (DISCORD_APPLICATION_ID): follow-ups are webhooks of the application. */
  applicationId: string;
  /** The application's public key, 64 hex digits (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /** REST base URL (DISCORD_API_URL; `https://discord.com/api` by default). */
  apiUrl?: string;
  /** Suggestions while typing an option (the bot's `complete`). */
  complete: (event: AutocompleteEvent) => Promise<Suggestions>;
  /** Every acknowledged interaction is recorded here first; replays of dead replicas come back through it. */
  inbox: Inbox;
  logger: Logger;
  /** The clock of the inbox (received times), for the token's 15 minutes. */
  now?: () => Date;
}

export interface DiscordHttpAdapter extends HttpChatAdapter {
  /** Runs a recorded interaction again (what the inbox calls for rows of a dead replica). */
  replay(row: InboxRow, logger: Logger): Promise<void>;
  /** The REST client every call goes through (to count and pace its calls: instrumentDiscordRest). */
  readonly rest: REST;
}

/** A replay that arrives before start() waits this long for the core, then is left for another attempt. */
const REPLAY_WAITS_FOR_START_MS = 30_000;

/** The core once start() has handed it over; a rejection after `ms` (the inbox tries the row again later). */
async function startedWithin(ready: Promise<EventHandler>, ms: number): Promise<EventHandler> {
  const outcome = await within(ready, ms);
  if (outcome === 'timeout') throw new Error('the Discord adapter has not started');
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

export function createDiscordHttpAdapter(options: DiscordHttpAdapterOptions): DiscordHttpAdapter {
  const { inbox, logger, applicationId } = options;
  const now = options.now ?? (() => new Date());
  const key = discordPublicKey(options.publicKey);
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const api = new API(rest);
  let handler: EventHandler | undefined;
  let started!: (handler: EventHandler) => void;
  const handlerReady = new Promise<EventHandler>((resolve) => (started = resolve));
  let stopped = false;

  /** The core event of a checked payload, marked as an inbox delivery (a replay or not). */
  const eventOf = (payload: CheckedInteractionPayload, replay: boolean): IncomingEvent | undefined => {
    const event = eventOfFacts(factsOfPayload(payload));
    return event ? { ...event, delivery: { replay } } : undefined;
  };

  async function suggestions(payload: CheckedInteractionPayload, log: Logger): Promise<Array<{ name: string; value: string }>> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Suggestions>((resolve) => (timer = setTimeout(() => resolve([]), AUTOCOMPLETE_WITHIN_MS)));
    try {
      const found = await Promise.race([options.complete(autocompleteOfPayload(payload)), late]);
      return found.slice(0, 25).map((s) => ({ name: s.label.slice(0, 100), value: s.value.slice(0, 100) }));
    } catch (error) {
      log.warn({ error: briefError(error), id: payload.id }, 'discord: suggestions failed');
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  /** Records, works and answers one checked interaction (not an autocomplete). */
  async function receive(payload: CheckedInteractionPayload, event: IncomingEvent, res: ServerResponse, context: HttpRequestContext, run: EventHandler): Promise<void> {
    const log = context.logger;
    // Recorded before it is answered: once Discord has an answer, the work cannot be lost.
    const rowId = await inbox.record({
      platform: 'discord',
      key: `discord:interaction:${payload.id}`,
      tenant: payload.guild_id ?? 'dm',
      body: payload,
      replyUrl: payload.token,
      requestId: context.requestId,
    });
    if (rowId === undefined) {
      // Delivered again (recorded by this or another replica): worked there, not again here.
      log.info({ id: payload.id }, 'discord: interaction delivered again; not worked again');
      return json(res, 200, payload.type === 3 ? { type: 6 } : { type: 5, data: { flags: 64 } });
    }
    const interaction = httpInteraction(api, { applicationId, token: payload.token, type: payload.type }, log);
    // REST calls with the token wait for the response to go out; a connection that is gone (or
    // goes while the core works) makes them fail at once instead of waiting for ever.
    res.once('finish', () => interaction.responded(true));
    res.once('close', () => interaction.responded(res.writableFinished));
    if (res.destroyed || res.socket?.destroyed) interaction.responded(false);
    const clicked = clickOfFacts(factsOfPayload(payload));
    const answering = event.kind === 'action' && (event.actionId.startsWith('answer:') || event.actionId.startsWith('dialog:cancel'));
    // Discord's 3 s run from when it sent the request: time spent reading and recording counts.
    const budget = event.kind === 'capture' ? CAPTURE_ANSWER_WITHIN_MS : ANSWER_WITHIN_MS;
    const responder = new InteractionResponder(interaction.respondable, {
      replacesMessage: payload.type === 3 && answering,
      logger: log,
      deferAfterMs: Math.max(0, budget - (Date.now() - context.receivedAt)),
      ...(clicked ? { origin: clicked.origin } : {}),
    });
    const worked = inbox.work({ id: rowId, attempts: 1 }, async () => {
      try {
        await run(event, (reply) => responder.send(reply));
      } finally {
        await responder.finish();
      }
    });
    const first = await Promise.race([interaction.initial, worked.then(() => undefined)]);
    const response: InitialResponse = first ?? (interaction.answered() ? await interaction.initial : interaction.acknowledgeSilently());
    json(res, 200, response);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, context: HttpRequestContext): Promise<void> {
    const log = context.logger;
    const raw = await readRawBody(req);
    if (!raw.ok) {
      log.warn({ reason: raw.reason }, 'discord: interaction request refused');
      return json(res, 413, { error: 'request too large' });
    }
    // Nothing is read before the signature is checked (wall clock: Discord signs with its own time).
    const signature = verifyDiscordSignature(key, { signature: req.headers['x-signature-ed25519'], timestamp: req.headers['x-signature-timestamp'] }, raw.bytes, Date.now());
    if (!signature.ok) {
      log.warn({ reason: signature.reason }, 'discord: unsigned interaction refused');
      return json(res, 401, { error: 'invalid request signature' });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.bytes.toString('utf8'));
    } catch {
      log.warn({ bytes: raw.bytes.length }, 'discord: interaction is not JSON');
      return json(res, 400, { error: 'malformed JSON' });
    }
    if (pingSchema.safeParse(body).success) return json(res, 200, { type: 1 });
    const checked = checkInteraction(body);
    if (!checked.ok) {
      log.warn({ id: checked.id, type: checked.type, problems: checked.problems }, 'discord: malformed interaction refused');
      return json(res, 400, { error: 'malformed interaction' });
    }
    // Read and recorded without U+0000, which PostgreSQL cannot store (src/db/nul-free.ts).
    const payload = withoutNul(checked.data as CheckedInteractionPayload);
    if (!handler || stopped) return json(res, 503, { error: 'not ready' });
    if (payload.type === 4) return json(res, 200, { type: 8, data: { choices: await suggestions(payload, log) } });
    const event = eventOf(payload, false);
    if (!event) {
      // A command or component Relance does not have (an old registration, another app's menu).
      log.info({ id: payload.id, type: payload.type }, 'discord: interaction Relance does not use');
      return json(res, 400, { error: 'unknown interaction' });
    }
    await receive(payload, event, res, context, handler);
  }

  async function replay(row: InboxRow, rowLogger: Logger): Promise<void> {
    const checked = checkInteraction(row.body);
    const event = checked.ok ? eventOf(checked.data as CheckedInteractionPayload, true) : undefined;
    if (!checked.ok || !event) {
      // Stored checked: a row that no longer reads is logged and closed, not retried forever.
      rowLogger.error({ key: row.key, problems: checked.ok ? [] : checked.problems }, 'discord: recorded interaction cannot be read again');
      return;
    }
    const run = handler ?? (await startedWithin(handlerReady, REPLAY_WAITS_FOR_START_MS));
    const payload = checked.data as CheckedInteractionPayload;
    const clicked = clickOfFacts(factsOfPayload(payload));
    const origin = clicked?.origin ?? (payload.guild_id && payload.channel_id ? { guildId: payload.guild_id, channelId: payload.channel_id } : undefined);
    const sink = replaySink({
      api,
      applicationId,
      token: row.replyUrl ?? payload.token,
      receivedAt: row.receivedAt,
      now,
      userId: event.actor.id,
      ...(origin ? { origin } : {}),
      clicked: clicked !== undefined,
      logger: rowLogger,
    });
    await run(event, sink);
  }

  // Registered now: the inbox may take over a dead replica's rows before start() (serve.runtime.ts starts it first).
  inbox.onReplay('discord', replay);
  const route: HttpRoute = { method: 'POST', path: DISCORD_INTERACTIONS_PATH, handle };

  return {
    platform: 'discord',
    routes: () => [route],
    replay,
    rest,
    async start(eventHandler) {
      // No websocket: interactions come to the route; replays of dead replicas through the inbox.
      handler = eventHandler;
      stopped = false;
      started(eventHandler);
    },
    async stop() {
      stopped = true;
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
    async ready() {
      try {
        const me = await api.users.getCurrent();
        return { ok: true, detail: `bot ${me.id}` };
      } catch (error) {
        return { ok: false, detail: `GET /users/@me: ${briefError(error)['message'] as string}` };
      }
    },
    async send(ref: ConversationRef, reply: Reply) {
      // Jobs post into a channel, or to a member's DM when all they know is the user id (reminders).
      const dm = ref.isDM && (ref.channelId === ref.userId || ref.channelId.startsWith('dm:'));
      const channelId = dm ? (await api.users.createDM(ref.userId)).id : ref.channelId;
      const messages = renderDiscordMessages(reply, { onSkippedAttachment: (attachment) => logger.warn(attachment, 'discord: attachment too large to send, left out') });
      for (const message of messages) {
        const { body, files } = withoutFlags(restMessageOf(message));
        await api.channels.createMessage(channelId, { ...body, files } as never);
      }
    },
  };
}
