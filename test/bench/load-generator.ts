// Load generator for replicas.bench.ts, run in its own process (so generating load never steals
// the event loop of what is measured). It sends signed requests at a FIXED RATE on a timer
// schedule (request i is due at start + i / rate: paced, not a burst per second), round-robin
// across the replicas, and records every request: when it was due and sent, which replica,
// the HTTP status and the time to the acknowledgement.
//
//   tsx test/bench/load-generator.ts <config.json>
//
// Kinds of request (a seeded pseudo-random mix, the same for the same config):
// - `command`: a Slack `/log call Acme … <tag>` slash command (form-encoded, HMAC-signed), a
//   unique trigger_id and a response_url naming its tag on the fake Slack;
// - `event`: a Slack Events API `app_mention` (JSON, signed) with a unique event_id and ts;
// - `retry`: a sample of those events sent again with `X-Slack-Retry-Num: 1`, the same event_id
//   and body, to a DIFFERENT replica than the first attempt (Slack retries are not sticky);
// - `discord`: a Discord HTTP interaction, type 2 (application command) `/log type:call
//   company:Acme notes:<tag>`, Ed25519-signed over timestamp + body.
// A response that takes longer than `timeoutMs` (Slack's 3 s) is not an acknowledgement.
// Results go to `out` as JSON lines; the last line on stdout is a summary.
import { request as httpRequest, Agent } from 'node:http';
import { createPrivateKey, createHmac, sign as edSign, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

export type RequestKind = 'command' | 'event' | 'retry' | 'discord';

export interface GeneratorTarget {
  /** Replica name (RELANCE_REPLICA_ID), or `bare` for the bare Bolt app. */
  name: string;
  port: number;
}

export interface GeneratorConfig {
  label: string;
  targets: GeneratorTarget[];
  /** First attempts per second (retries come on top). */
  rate: number;
  seconds: number;
  /** Fractions of first attempts that are Events API deliveries and Discord interactions; the rest are /log commands. */
  eventShare: number;
  discordShare: number;
  /** Fraction of events sent again as a Slack retry, to another replica, `retryDelayMs` (0 to this) after the first. */
  retryShare: number;
  retryDelayMs: number;
  /** No retry is sent after this many ms from the start (the kill scenario resends nothing after the kill). */
  retriesUntilMs?: number;
  timeoutMs: number;
  signingSecret: string;
  team: string;
  slackUser: string;
  mentionUser: string;
  channel: string;
  botUserId: string;
  /** Text after the mention (what the bot is asked). */
  mentionText: string;
  /** `http://127.0.0.1:PORT` of the fake Slack: response URLs are `${responseBase}/response/<tag>`. */
  responseBase: string;
  /** Unique per run: tags are `${tagPrefix}${n}`. */
  tagPrefix: string;
  /** Seconds part of the events' `ts` (unique per run). */
  tsBase: number;
  /** First Discord interaction id (a snowflake, unique per run). */
  discordIdBase: string;
  discord?: { privateKeyPem: string; applicationId: string; guild: string; channel: string; user: string };
  seed: number;
  out: string;
}

export interface RequestRecord {
  n: number;
  kind: RequestKind;
  /** trigger_id, event_id or interaction id. */
  key: string;
  /** The unique text in the activity notes (commands, Discord), or the event's ts (events). */
  tag: string;
  replica: string;
  /** For a retry: the replica of the first attempt. */
  first?: string;
  /** Epoch ms the request was due, and sent. */
  due: number;
  sent: number;
  /** HTTP status; 0 for no response (connection refused or reset, timeout). */
  status: number;
  /** ms from sending to the end of the response (the ack). */
  ms: number;
  error?: string;
  /** Discord: the type of the interaction response (4 the reply itself, 5 a deferral the reply follows). */
  answer?: number;
}

const fixture = (name: string): Record<string, any> => {
  const data = JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('_')));
};

/** mulberry32: a small seeded generator, so a config always sends the same mix. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slackHeaders(body: string, secret: string, type: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': type, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

function discordHeaders(body: string, key: KeyObject): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = edSign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

interface Prepared {
  kind: RequestKind;
  key: string;
  tag: string;
  path: string;
  body: string;
  headers: () => Record<string, string>;
}

export function buildRequests(config: GeneratorConfig): Prepared[] {
  const slash = fixture('slack/slash-command.json') as Record<string, string>;
  const mention = fixture('slack/event-app-mention.json');
  const interaction = fixture('discord/chat-input-command.json');
  const discordKey = config.discord ? createPrivateKey(config.discord.privateKeyPem) : undefined;
  const draw = random(config.seed);
  const total = Math.round(config.rate * config.seconds);
  const out: Prepared[] = [];
  for (let n = 0; n < total; n += 1) {
    const tag = `${config.tagPrefix}${n}`;
    const roll = draw();
    if (roll < config.eventShare) {
      const ts = `${config.tsBase}.${String(n).padStart(6, '0')}`;
      const eventId = `Ev${config.tagPrefix.replace(/[^A-Za-z0-9]/g, '')}${n}`;
      const body = JSON.stringify({
        ...mention,
        team_id: config.team,
        context_team_id: config.team,
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ ...(mention['authorizations'] as Array<Record<string, unknown>>)[0], team_id: config.team, user_id: config.botUserId }],
        event: {
          ...mention['event'],
          client_msg_id: `bench-${tag}`,
          text: `<@${config.botUserId}> ${config.mentionText}`,
          blocks: [],
          user: config.mentionUser,
          team: config.team,
          channel: config.channel,
          ts,
          event_ts: ts,
        },
      });
      out.push({ kind: 'event', key: eventId, tag: ts, path: '/slack/events', body, headers: () => slackHeaders(body, config.signingSecret, 'application/json') });
    } else if (roll < config.eventShare + config.discordShare && config.discord && discordKey) {
      const id = String(BigInt(config.discordIdBase) + BigInt(n));
      const d = config.discord;
      const body = JSON.stringify({
        ...interaction,
        id,
        token: `tok_${tag}`,
        type: 2,
        application_id: d.applicationId,
        guild_id: d.guild,
        guild: { ...interaction['guild'], id: d.guild },
        channel: { ...interaction['channel'], id: d.channel, guild_id: d.guild },
        channel_id: d.channel,
        locale: 'en-US',
        authorizing_integration_owners: { '0': d.guild },
        member: { ...interaction['member'], user: { ...interaction['member'].user, id: d.user } },
        data: {
          id: '1435206942720000001',
          name: 'log',
          type: 1,
          options: [
            { type: 3, name: 'type', value: 'call' },
            { type: 3, name: 'company', value: 'Acme' },
            { type: 3, name: 'notes', value: tag },
          ],
        },
      });
      out.push({ kind: 'discord', key: id, tag, path: '/discord/interactions', body, headers: () => discordHeaders(body, discordKey) });
    } else {
      const triggerId = `${config.tsBase}${n}.1111111111.${tag}`;
      const body = new URLSearchParams({
        ...slash,
        team_id: config.team,
        user_id: config.slackUser,
        channel_id: config.channel,
        command: '/log',
        text: `call Acme outbound 20min positive ${tag}`,
        response_url: `${config.responseBase}/response/${tag}`,
        trigger_id: triggerId,
      }).toString();
      out.push({ kind: 'command', key: triggerId, tag, path: '/slack/events', body, headers: () => slackHeaders(body, config.signingSecret, 'application/x-www-form-urlencoded') });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as GeneratorConfig;
  const prepared = buildRequests(config);
  const draw = random(config.seed ^ 0x5bd1e995);
  // One keep-alive agent per replica, as a load balancer keeps connections open.
  const agents = config.targets.map(() => new Agent({ keepAlive: true, maxSockets: 512 }));
  const records: RequestRecord[] = [];
  let inFlight = 0;
  let finishedSending = false;
  let done!: () => void;
  const allDone = new Promise<void>((resolve) => (done = resolve));
  const origin = performance.timeOrigin;

  const send = (p: Prepared, targetIndex: number, due: number, extra: Partial<RequestRecord> = {}, retryHeaders: Record<string, string> = {}): void => {
    const target = config.targets[targetIndex]!;
    const record: RequestRecord = { n: records.length, kind: p.kind, key: p.key, tag: p.tag, replica: target.name, ...extra, due: origin + due, sent: 0, status: 0, ms: 0 };
    records.push(record);
    inFlight += 1;
    const start = performance.now();
    record.sent = origin + start;
    let settled = false;
    const finish = (status: number, error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      record.status = status;
      record.ms = Math.round((performance.now() - start) * 100) / 100;
      if (error) record.error = error;
      inFlight -= 1;
      if (finishedSending && inFlight === 0) done();
    };
    const req = httpRequest(
      { host: '127.0.0.1', port: target.port, path: p.path, method: 'POST', agent: agents[targetIndex], headers: { ...p.headers(), ...retryHeaders, 'content-length': Buffer.byteLength(p.body) } },
      (res) => {
        // A Discord response is the first answer: its type is kept (the body is small).
        const chunks: Buffer[] = [];
        if (p.kind === 'discord') res.on('data', (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.on('end', () => {
          if (p.kind === 'discord' && chunks.length > 0) {
            try {
              const type = (JSON.parse(Buffer.concat(chunks).toString()) as { type?: unknown }).type;
              if (typeof type === 'number') record.answer = type;
            } catch {
              /* not JSON: no type */
            }
          }
          finish(res.statusCode ?? 0);
        });
        res.on('error', (error) => finish(0, error.message));
      },
    );
    const timer = setTimeout(() => {
      finish(0, 'timeout');
      req.destroy();
    }, config.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish(0, error.code ?? error.message));
    req.end(p.body);
  };

  const interval = 1000 / config.rate;
  const t0 = performance.now() + 20;
  const n = config.targets.length;
  let i = 0;
  let pendingRetries = 0;
  const maybeDone = (): void => {
    if (i >= prepared.length && pendingRetries === 0) {
      finishedSending = true;
      if (inFlight === 0) done();
    }
  };
  process.stdout.write(`started ${Date.now() + 20}\n`);
  const tick = (): void => {
    const now = performance.now();
    // Every request whose time has come (one, unless the timer woke late).
    while (i < prepared.length && t0 + i * interval <= now) {
      const p = prepared[i]!;
      const due = t0 + i * interval;
      const target = i % n;
      send(p, target, due);
      if (p.kind === 'event' && draw() < config.retryShare) {
        const delay = draw() * config.retryDelayMs;
        if (config.retriesUntilMs === undefined || due - t0 + delay < config.retriesUntilMs) {
          pendingRetries += 1;
          const first = config.targets[target]!.name;
          setTimeout(() => {
            pendingRetries -= 1;
            send({ ...p, kind: 'retry' }, (target + 1) % n, due + delay, { first }, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
            maybeDone();
          }, Math.max(0, due + delay - performance.now()));
        }
      }
      i += 1;
    }
    if (i < prepared.length) setTimeout(tick, Math.max(0, t0 + i * interval - performance.now()));
    else maybeDone();
  };
  setTimeout(tick, Math.max(0, t0 - performance.now()));
  await allDone;
  for (const agent of agents) agent.destroy();
  writeFileSync(config.out, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const ok = records.filter((r) => r.status === 200).length;
  process.stdout.write(`${JSON.stringify({ label: config.label, sent: records.length, ok })}\n`);
}

// Run only as a script (the bench imports the types and buildRequests).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((error: unknown) => {
    console.error('load generator failed:', error);
    process.exitCode = 1;
  });
}
