// A local stand-in for Discord on 127.0.0.1: the REST API (gateway discovery, interaction
// callbacks, modals included, webhooks for edits and follow-ups — refused for a token marked
// expired —, channel fetch and messages, DMs, the bot user at /users/@me, command registration)
// and a gateway websocket that says HELLO, acks heartbeats, answers IDENTIFY with READY and
// dispatches interactions (slash commands, user and message context menus, clicks, modal
// submissions: test/support/discord-environment.ts builds them), guilds (GUILD_CREATE) and
// messages (MESSAGE_CREATE). Bodies with files arrive as multipart/form-data (`payload_json` +
// `files[n]`): the JSON goes to `body`, the attachments to `files`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';

/** One `files[n]` part of a multipart body. */
export interface DiscordUploadedFile {
  /** Form field, `files[0]`… */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface DiscordCall {
  method: string;
  path: string;
  body: any;
  /** Attachments sent with the call (multipart bodies only); empty otherwise. */
  files: DiscordUploadedFile[];
  at: number;
}

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/discord/gateway-hello-ready.json', import.meta.url), 'utf8')) as Record<string, any>;

export const APPLICATION_ID = '1434844554854400001';

export interface DiscordFake {
  /** REST base for the client (`rest.api`). */
  apiUrl: string;
  calls: DiscordCall[];
  /** Sends INTERACTION_CREATE to every connected client. */
  dispatch(interaction: Record<string, unknown>): void;
  /** Sends MESSAGE_CREATE (a message object with the gateway's extra fields) to every connected client. */
  dispatchMessage(message: Record<string, unknown>): void;
  /**
   * Sends GUILD_CREATE for a server with one text channel. discord.js builds a server message's
   * channel from its cache only, so a guild message needs this first (Discord sends it after READY).
   */
  dispatchGuild(guildId: string, channelId: string): void;
  /** Messages the bot posted into one channel (`POST /channels/{id}/messages`), in order. */
  messagesIn(channelId: string): DiscordCall[];
  /** Websocket connections opened so far (HTTP-only adapters open none). */
  connections(): number;
  /**
   * Webhook calls with this interaction token answer 404 Unknown Webhook (10015), as Discord does
   * for a token whose interaction was never answered or has expired.
   */
  expireToken(token: string): void;
  /** Sends any raw frame (for malformed-payload tests). */
  sendRaw(frame: unknown): void;
  waitFor(predicate: (calls: DiscordCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Callback and webhook calls for one interaction token. */
  callsFor(token: string): DiscordCall[];
  /** Every attachment sent for one interaction token, in order. */
  filesFor(token: string): DiscordUploadedFile[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<{ body: any; files: DiscordUploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) return { body: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    // discord.js sends multipart only with files; payload_json carries the body. undici's
    // Request (a Node 20 global) parses the form: no hand-written multipart parser.
    const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': type }, body: bytes }).formData();
    let body: any;
    const files: DiscordUploadedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  const raw = bytes.toString('utf8');
  try {
    return { body: JSON.parse(raw), files: [] };
  } catch {
    return { body: raw, files: [] };
  }
}

/** The `attachments` of a message object answering a call: the uploaded files, described. */
const attachmentsOf = (body: any, files: DiscordUploadedFile[], port: number, firstId: bigint) =>
  files.map((file, index) => {
    const id = String(firstId + BigInt(index));
    const meta = (body?.attachments as Array<{ id: string | number; description?: string }> | undefined)?.find((a) => String(a.id) === String(index));
    return {
      id,
      filename: file.name,
      size: file.bytes.length,
      content_type: file.contentType,
      url: `http://127.0.0.1:${port}/attachments/${id}/${file.name}`,
      proxy_url: `http://127.0.0.1:${port}/attachments/${id}/${file.name}`,
      ...(meta?.description ? { description: meta.description } : {}),
    };
  });

/** A GUILD_CREATE payload: what discord.js reads to cache a server and its channels. */
const guildCreate = (guildId: string, channelId: string) => ({
  id: guildId,
  name: 'Acme Ventes',
  icon: null,
  owner_id: '567318203596800009',
  afk_channel_id: null,
  afk_timeout: 300,
  verification_level: 1,
  default_message_notifications: 1,
  explicit_content_filter: 2,
  roles: [{ id: guildId, name: '@everyone', permissions: '1071698660929', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
  emojis: [],
  stickers: [],
  features: [],
  mfa_level: 0,
  system_channel_id: channelId,
  system_channel_flags: 0,
  rules_channel_id: null,
  vanity_url_code: null,
  description: null,
  banner: null,
  premium_tier: 0,
  preferred_locale: 'fr',
  public_updates_channel_id: null,
  nsfw_level: 0,
  premium_progress_bar_enabled: false,
  joined_at: '2026-11-02T08:30:00.000000+00:00',
  large: false,
  unavailable: false,
  member_count: 3,
  voice_states: [],
  members: [],
  channels: [{ id: channelId, type: 0, guild_id: guildId, name: 'ventes', position: 0, permission_overwrites: [], parent_id: null, topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0 }],
  threads: [],
  presences: [],
  stage_instances: [],
  guild_scheduled_events: [],
  soundboard_sounds: [],
});

export async function startDiscordFake(): Promise<DiscordFake> {
  const calls: DiscordCall[] = [];
  const sockets = new Set<WebSocket>();
  const expired = new Set<string>();
  let connections = 0;
  let sequence = 1;
  let messageIds = 1_480_856_480_776_192_100n;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      // @discordjs/rest sends `@me` and `@original` as `%40me`, `%40original` (discord.js does not): one spelling here.
      url.pathname = decodeURIComponent(url.pathname);
      const { body, files } = await readBody(request);
      const method = request.method ?? 'GET';
      // performance.now(): the benchmark measures milliseconds from dispatch to this call.
      calls.push({ method, path: url.pathname, body, files, at: performance.now() });
      const json = (status: number, payload: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      if (url.pathname.endsWith('/gateway/bot')) {
        return json(200, { ...fixtures['get_gateway_bot_response'], url: `ws://127.0.0.1:${port}` });
      }
      if (/\/interactions\/[^/]+\/[^/]+\/callback$/.test(url.pathname)) {
        // A reply (4), deferral (5), update (7), suggestions (8) or modal (9, `showModal`, the
        // first answer to a context-menu capture): recorded in `calls` like every request.
        // Discord answers 204 with no body (and no JSON content type) unless with_response is asked.
        return response.writeHead(204).end();
      }
      if (url.pathname.endsWith('/users/@me') && method === 'GET') {
        // The bot itself: what a readiness check asks with the token.
        return json(200, { id: APPLICATION_ID, username: 'relance', discriminator: '0', avatar: null, global_name: null, bot: true });
      }
      const webhook = /\/webhooks\/[^/]+\/([^/?]+)/.exec(url.pathname);
      if (webhook && expired.has(webhook[1]!)) return json(404, { message: 'Unknown Webhook', code: 10015 });
      const user = /\/users\/(\d+)$/.exec(url.pathname);
      if (user && method === 'GET') return json(200, { id: user[1], username: `user${user[1]}`, discriminator: '0', avatar: null, global_name: null });
      if (url.pathname.endsWith('/users/@me/channels') && method === 'POST') {
        // Opening a DM: the DM channel id is derived from the user id so tests can find it.
        const recipient = String((body as { recipient_id?: string })?.recipient_id ?? '');
        return json(200, { id: `9${recipient}`, type: 1, last_message_id: null, recipients: [{ id: recipient, username: `user${recipient}`, discriminator: '0', avatar: null, global_name: null }] });
      }
      const channel = /\/channels\/(\d+)(\/messages)?$/.exec(url.pathname);
      if (channel && !channel[2] && method === 'GET') {
        // A DM channel: discord.js can build it without a cached server.
        return json(200, { id: channel[1], type: 1, last_message_id: null, recipients: [{ id: '567318203596800001', username: 'camille', discriminator: '0', avatar: null, global_name: 'Camille' }] });
      }
      if (/\/webhooks\/[^/]+\/[^/]+/.test(url.pathname) || (channel?.[2] && method === 'POST')) {
        if (method === 'DELETE') return response.writeHead(204).end();
        messageIds += 1n;
        const id = messageIds;
        messageIds += BigInt(files.length);
        return json(200, {
          id: String(id),
          type: 0,
          channel_id: channel?.[1] ?? '1246372665753600003',
          content: body?.content ?? '',
          embeds: body?.embeds ?? [],
          components: body?.components ?? [],
          author: { id: APPLICATION_ID, username: 'relance', discriminator: '0', bot: true, avatar: null, global_name: null },
          attachments: attachmentsOf(body, files, port, id + 1n),
          mentions: [],
          mention_roles: [],
          pinned: false,
          mention_everyone: false,
          tts: false,
          timestamp: new Date().toISOString(),
          edited_timestamp: null,
          flags: body?.flags ?? 0,
        });
      }
      if (/\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(url.pathname) && method === 'PUT') {
        return json(200, (body as Array<Record<string, unknown>>).map((command, i) => ({ ...command, id: String(1_435_206_942_720_000_000n + BigInt(i)), application_id: APPLICATION_ID, version: '1' })));
      }
      return json(404, { message: 'Unknown route', code: 0 });
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (frame.op === 2) {
        const ready = fixtures['ready'] as { d: Record<string, unknown> };
        socket.send(
          JSON.stringify({
            ...ready,
            s: sequence++,
            d: { ...ready.d, guilds: [], resume_gateway_url: `ws://127.0.0.1:${port}`, application: { id: APPLICATION_ID, flags: 0 } },
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const send = (frame: unknown) => {
    for (const socket of sockets) socket.send(JSON.stringify(frame));
  };
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    dispatch: (interaction) => send({ op: 0, t: 'INTERACTION_CREATE', s: sequence++, d: interaction }),
    dispatchMessage: (message) => send({ op: 0, t: 'MESSAGE_CREATE', s: sequence++, d: message }),
    dispatchGuild: (guildId, channelId) => send({ op: 0, t: 'GUILD_CREATE', s: sequence++, d: guildCreate(guildId, channelId) }),
    messagesIn: (channelId) => calls.filter((call) => call.method === 'POST' && call.path.endsWith(`/channels/${channelId}/messages`)),
    sendRaw: send,
    connections: () => connections,
    expireToken: (token) => expired.add(token),
    async waitFor(predicate, timeoutMs = 10_000) {
      const start = Date.now();
      while (!predicate(calls)) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    },
    callsFor: (token) => calls.filter((call) => call.path.includes(`/${token}`)),
    filesFor: (token) => calls.filter((call) => call.path.includes(`/${token}`)).flatMap((call) => call.files),
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
