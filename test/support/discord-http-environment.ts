// The Discord HTTP adapter on a real database and inbox, its route served on 127.0.0.1 by a
// bare node:http server (the deployment's server is src/server's), requests signed with an
// Ed25519 key made here, replies going to the local fake Discord's REST API.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createDiscordHttpAdapter, DISCORD_INTERACTIONS_PATH, type DiscordHttpAdapter } from '../../adapters/discord/discord-http-adapter.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot, type Bot } from '../../src/core/bot.ts';
import type { EventHandler } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { createInbox, type Inbox, type Replayer } from '../../src/inbox/inbox-runtime.ts';
import { APPLICATION_ID, startDiscordFake, type DiscordFake } from '../fakes/discord-gateway.fake.ts';
import { testDatabaseTarget } from './chat-harness.ts';
import { DISCORD_NOW } from './discord-environment.ts';

export interface SignedPost {
  status: number;
  body: any;
}

export interface PostOptions {
  /** Sign with this key instead of the application's. */
  key?: KeyObject;
  /** Seconds since the epoch to sign with (now by default). */
  timestamp?: number;
  /** Send no signature headers at all. */
  unsigned?: boolean;
}

/** One replica: an adapter with its own inbox, served on its own port. */
export interface DiscordHttpReplica {
  adapter: DiscordHttpAdapter;
  inbox: Inbox;
  /** The replayer the adapter registered with its inbox. */
  replayer(): Replayer;
  url: string;
  close(): Promise<void>;
}

export interface DiscordHttpEnvironment {
  fake: DiscordFake;
  database: DatabaseHandle;
  bot: Bot;
  logger: Logger;
  logs: string[];
  /** Set to answer events with this handler instead of the bot. */
  stub: EventHandler | undefined;
  /** The first replica. */
  replica: DiscordHttpReplica;
  publicKeyHex: string;
  /** Another replica on the same database (`now` shifts its clock, e.g. past a token's 15 minutes). */
  startReplica(options?: { now?: () => Date }): Promise<DiscordHttpReplica>;
  /** Posts a raw body to the first replica's route, signed unless told otherwise. */
  postRaw(body: string, options?: PostOptions): Promise<SignedPost>;
  /** Posts an interaction payload as JSON. */
  post(payload: unknown, options?: PostOptions): Promise<SignedPost>;
  close(): Promise<void>;
}

export async function startDiscordHttpEnvironment(): Promise<DiscordHttpEnvironment> {
  const fake = await startDiscordFake();
  const database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const bot = createBot({ database, registry: createDefaultRegistry(), logger, now: () => DISCORD_NOW });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const replicas: DiscordHttpReplica[] = [];

  const env = {} as DiscordHttpEnvironment;
  const handler: EventHandler = (event, respond) => (env.stub ?? bot.handle)(event, respond);

  async function startReplica(options: { now?: () => Date } = {}): Promise<DiscordHttpReplica> {
    // The inbox's clock is the wall clock (its received times and the token's 15 minutes); the bot's is fixed.
    const now = options.now ?? (() => new Date());
    const inbox = createInbox({ db: database.db, logger, now });
    let replayer: Replayer | undefined;
    const watched: Inbox = {
      ...inbox,
      onReplay(platform, replay) {
        replayer = replay;
        inbox.onReplay(platform, replay);
      },
    };
    const adapter = createDiscordHttpAdapter({ token: 'FAKE.bot.token', applicationId: APPLICATION_ID, publicKey: publicKeyHex, apiUrl: fake.apiUrl, complete: bot.complete, inbox: watched, logger, now });
    const [route] = adapter.routes();
    let requests = 0;
    const server: Server = createServer((req, res) => {
      if (req.method !== route!.method || req.url !== route!.path) return void res.writeHead(404).end();
      route!.handle(req, res, { requestId: `req-${++requests}`, logger, receivedAt: Date.now() }).catch((error: unknown) => {
        logger.error({ err: error }, 'route failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await adapter.start(handler);
    const replica: DiscordHttpReplica = {
      adapter,
      inbox: watched,
      replayer: () => {
        if (!replayer) throw new Error('the adapter registered no replayer');
        return replayer;
      },
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${DISCORD_INTERACTIONS_PATH}`,
      async close() {
        await adapter.stop();
        await inbox.drain(5_000);
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
    replicas.push(replica);
    return replica;
  }

  async function postRaw(body: string, options: PostOptions = {}): Promise<SignedPost> {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), options.key ?? privateKey).toString('hex');
    const response = await fetch(env.replica.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.unsigned ? {} : { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }) },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { status: response.status, body: parsed };
  }

  Object.assign(env, {
    fake,
    database,
    bot,
    logger,
    logs,
    stub: undefined,
    publicKeyHex,
    startReplica,
    postRaw,
    post: (payload: unknown, options?: PostOptions) => postRaw(JSON.stringify(payload), options),
    async close() {
      for (const replica of replicas) await replica.close();
      await fake.close();
      await database.close();
    },
  });
  env.replica = await startReplica();
  return env;
}

let counter = 0;

/**
 * The payload under an interaction id (and token) no run has used: the inbox keeps
 * `discord:interaction:<id>` for good, and a PostgreSQL test database outlives the run.
 */
export function fresh<T extends Record<string, any>>(payload: T): T {
  const id = String((BigInt(Date.now() - 1_420_070_400_000) << 22n) + BigInt(++counter % 4096));
  return { ...payload, id, token: `tok_http_${id}` };
}
