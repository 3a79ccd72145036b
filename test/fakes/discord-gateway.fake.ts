// A local stand-in for Discord on 127.0.0.1: the REST API (gateway discovery, interaction
// callbacks, webhooks for edits and follow-ups, command registration) and a gateway websocket
// that says HELLO, acks heartbeats, answers IDENTIFY with READY and dispatches interactions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';

export interface DiscordCall {
  method: string;
  path: string;
  body: any;
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
  /** Sends any raw frame (for malformed-payload tests). */
  sendRaw(frame: unknown): void;
  waitFor(predicate: (calls: DiscordCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Callback and webhook calls for one interaction token. */
  callsFor(token: string): DiscordCall[];
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return undefined;
  const type = request.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    // discord.js sends multipart only with files; payload_json carries the body.
    const match = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
    return match ? JSON.parse(match[1]!) : raw;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function startDiscordFake(): Promise<DiscordFake> {
  const calls: DiscordCall[] = [];
  const sockets = new Set<WebSocket>();
  let sequence = 1;
  let messageIds = 1_480_856_480_776_192_100n;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = await readJson(request);
      const method = request.method ?? 'GET';
      // performance.now(): the benchmark measures milliseconds from dispatch to this call.
      calls.push({ method, path: url.pathname, body, at: performance.now() });
      const json = (status: number, payload: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      if (url.pathname.endsWith('/gateway/bot')) {
        return json(200, { ...fixtures['get_gateway_bot_response'], url: `ws://127.0.0.1:${port}` });
      }
      if (/\/interactions\/[^/]+\/[^/]+\/callback$/.test(url.pathname)) {
        // Discord answers 204 with no body (and no JSON content type) unless with_response is asked.
        return response.writeHead(204).end();
      }
      if (/\/webhooks\/[^/]+\/[^/]+/.test(url.pathname)) {
        if (method === 'DELETE') return response.writeHead(204).end();
        messageIds += 1n;
        return json(200, {
          id: String(messageIds),
          type: 0,
          channel_id: '1246372665753600003',
          content: body?.content ?? '',
          embeds: body?.embeds ?? [],
          components: body?.components ?? [],
          author: { id: APPLICATION_ID, username: 'relance', discriminator: '0', bot: true, avatar: null, global_name: null },
          attachments: [],
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
    sendRaw: send,
    async waitFor(predicate, timeoutMs = 10_000) {
      const start = Date.now();
      while (!predicate(calls)) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    },
    callsFor: (token) => calls.filter((call) => call.path.includes(`/${token}`)),
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
