// A local stand-in for Slack: the Web API (`/api/<method>`) and response URLs
// (`/response/<id>`), on 127.0.0.1 only. It records every call so tests can assert on what
// the bot sent, and can be told to fail a method (429 with Retry-After, or an API error).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

type Failure = { status: 429; retryAfter: number } | { error: string };

const usersInfoFixture = JSON.parse(readFileSync(new URL('../fixtures/slack/users-info-response.json', import.meta.url), 'utf8')) as { user: Record<string, unknown> };

export interface SlackFake {
  /** `http://127.0.0.1:PORT/api/` — the `slackApiUrl` for Bolt's WebClient. */
  apiUrl: string;
  /** A response_url that records what is posted to it. */
  responseUrl(id?: string): string;
  calls: RecordedCall[];
  /** Calls to one Web API method (or to response URLs with `response`). */
  callsTo(method: string): RecordedCall[];
  /** Makes the next `count` calls of `method` fail. */
  failNext(method: string, failure: Failure, count?: number): void;
  /** Locale and time zone users.info returns for a user. */
  setUser(id: string, user: { name?: string; locale?: string; tz?: string }): void;
  /** Resolves when `predicate` holds for the recorded calls (polls; rejects after `timeoutMs`). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient sends nested values (blocks, view) as JSON strings in form fields.
    try {
      out[key] = key === 'blocks' || key === 'view' || key === 'attachments' ? JSON.parse(value) : value;
    } catch {
      out[key] = value;
    }
  }
  return out;
}

export async function startSlackFake(): Promise<SlackFake> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure[]>();
  const users = new Map<string, { name?: string; locale?: string; tz?: string }>();
  let ts = 1_773_134_000;

  const answer = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://acme-fr.slack.com/', team: 'Acme', user: 'relance', team_id: 'T0ACMEFR01', user_id: 'U0RELANCE1', bot_id: 'B0RELANCE1' };
      case 'users.info': {
        const id = String(body['user']);
        const custom = users.get(id);
        return {
          ok: true,
          user: {
            ...usersInfoFixture.user,
            id,
            name: custom?.name ?? id.toLowerCase(),
            real_name: custom?.name ?? id,
            tz: custom?.tz ?? 'Europe/Paris',
            locale: custom?.locale ?? 'fr-FR',
            profile: { display_name: custom?.name ?? id, real_name: custom?.name ?? id },
          },
        };
      }
      case 'chat.postMessage':
        ts += 1;
        return { ok: true, channel: body['channel'], ts: `${ts}.000100`, message: { text: body['text'] } };
      case 'chat.postEphemeral':
        ts += 1;
        return { ok: true, message_ts: `${ts}.000200` };
      case 'views.open':
        return { ok: true, view: { id: 'V0FAKE0001', callback_id: (body['view'] as { callback_id?: string } | undefined)?.callback_id } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D0${String(body['users']).slice(1, 9)}` } };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(request);
      if (url.pathname.startsWith('/response/')) {
        calls.push({ method: 'response', body: { ...body, _url: url.pathname }, at: Date.now() });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      calls.push({ method, body, at: Date.now() });
      const failure = failures.get(method)?.shift();
      if (failure && 'status' in failure) {
        response.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const payload = failure ? { ok: false, error: failure.error } : answer(method, body);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  let responseIds = 0;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id ?? ++responseIds}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext(method, failure, count = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: count }, () => failure)]);
    },
    setUser(id, user) {
      users.set(id, user);
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const start = Date.now();
      while (!predicate(calls)) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; calls so far: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    reset() {
      calls.length = 0;
      failures.clear();
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
