// A local stand-in for Slack: the Web API (`/api/<method>`), response URLs (`/response/<id>`)
// and file upload URLs (`/upload/<file id>`), on 127.0.0.1 only. It records every call so tests
// can assert on what the bot sent, and can be told to fail a method (429 with Retry-After, or
// an API error). Files go the files.uploadV2 way: getUploadURLExternal → POST the bytes (raw or
// multipart) → completeUploadExternal, which shares them; `uploads` holds the shared files.
// chat.getPermalink answers `https://fake.slack.com/archives/<channel>/p<ts without the dot>`
// (or channel_not_found for channels the bot is told it is not in); views.publish echoes the
// view (and can be made to answer 429 with failNext).
// OAuth: oauth.v2.access answers the installation granted for a code (team A, team B and an
// org-wide install by default; `grant` adds more), `invalid_code` otherwise; auth.test answers
// for the token it is called with (the team it was granted in), and every call records its token.
// Rate limits (off unless asked, `limitRate`): a method can be held to `count` calls per
// `windowMs` (per channel or for the whole workspace); past it the fake answers 429 with
// Retry-After and keeps answering 429 on that key until Retry-After has passed, as Slack does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** What the fake answered a Web API call (a posted message's `ts`, for a later click on it). */
  answer?: Record<string, unknown>;
  /** The token the call was made with (`Authorization: Bearer …`, or a `token` field). */
  token?: string;
  /** 429 when the fake answered "rate limited" (a limit or failNext). */
  status?: number;
}

/** A limit the fake enforces on one method: `count` calls per sliding `windowMs`. */
export interface FakeRateLimit {
  count: number;
  windowMs: number;
  /** One limit per `channel` (chat.postMessage's per-channel limit) rather than one for all calls. */
  perChannel?: boolean;
  /** Retry-After in whole seconds (as Slack sends it; 1 by default). */
  retryAfter?: number;
}

/** What oauth.v2.access answers for a code (Slack's response, `ok` added by the fake). */
export interface OAuthGrant {
  access_token: string;
  token_type?: 'bot';
  scope: string;
  bot_user_id: string;
  app_id: string;
  team: { id: string; name: string } | null;
  enterprise: { id: string; name: string } | null;
  is_enterprise_install: boolean;
  authed_user: { id: string; scope?: string; access_token?: string; token_type?: string };
}

/** The client id and secret the fake's oauth.v2.access accepts. */
export const FAKE_CLIENT_ID = '1234567890.0987654321';
export const FAKE_CLIENT_SECRET = 'fake-client-secret-0123456789';

/** What Slack answers an install: `team` null for an org-wide install (then `enterprise` is the organisation). */
export const oauthGrant = (token: string, team: { id: string; name: string } | null, enterprise: { id: string; name: string } | null, botUser: string, installer: string): OAuthGrant => ({
  access_token: token,
  token_type: 'bot',
  scope: 'commands,chat:write,chat:write.public,users:read,im:write,im:history,app_mentions:read,files:write',
  bot_user_id: botUser,
  app_id: 'A0RELANCE1',
  team,
  enterprise,
  is_enterprise_install: team === null,
  authed_user: { id: installer },
});

/** Codes the fake knows from the start: two workspaces and one organisation (org-wide install). */
export const FAKE_GRANTS: Record<string, OAuthGrant> = {
  'code-team-a': oauthGrant('xoxb-team-a-1111-secretAAAA', { id: 'T0TEAMA001', name: 'Alpha Ventes' }, null, 'U0BOTA0001', 'U0ADMINA01'),
  'code-team-b': oauthGrant('xoxb-team-b-2222-secretBBBB', { id: 'T0TEAMB001', name: 'Beta Sales' }, null, 'U0BOTB0001', 'U0ADMINB01'),
  'code-org': oauthGrant('xoxb-org-e-3333-secretEEEE', null, { id: 'E0ORGA0001', name: 'Groupe Org' }, 'U0BOTE0001', 'U0ADMINE01'),
};

type Failure = { status: 429; retryAfter: number } | { error: string };

/** A file shared through files.completeUploadExternal. */
export interface SlackUpload {
  fileId: string;
  filename: string;
  /** `length` announced to getUploadURLExternal. */
  length: number;
  /** Alt text given to getUploadURLExternal (`alt_text` from the Node SDK, `alt_txt` in Slack's docs). */
  alt: string | undefined;
  title: string | undefined;
  channel: string | undefined;
  thread: string | undefined;
  initialComment: string | undefined;
  /** Bytes posted to the upload URL (empty if nothing was posted). */
  bytes: Buffer;
}

const usersInfoFixture = JSON.parse(readFileSync(new URL('../fixtures/slack/users-info-response.json', import.meta.url), 'utf8')) as { user: Record<string, unknown> };

export interface SlackFake {
  /** `http://127.0.0.1:PORT/api/` — the `slackApiUrl` for Bolt's WebClient. */
  apiUrl: string;
  /** A response_url that records what is posted to it. */
  responseUrl(id?: string): string;
  calls: RecordedCall[];
  /** Calls to one Web API method (or to response URLs with `response`, upload URLs with `upload`). */
  callsTo(method: string): RecordedCall[];
  /** Files shared so far (completeUploadExternal), in order. */
  uploads: SlackUpload[];
  /** Makes the next `count` calls of `method` fail. */
  failNext(method: string, failure: Failure, count?: number): void;
  /** Holds a method to a rate limit (until reset): calls past it are answered 429 with Retry-After. */
  limitRate(method: string, limit: FakeRateLimit): void;
  /** Locale and time zone users.info returns for a user. */
  setUser(id: string, user: { name?: string; locale?: string; tz?: string }): void;
  /** Makes oauth.v2.access answer `grant` for `code` (codes are single use, as at Slack). */
  grant(code: string, grant: OAuthGrant): void;
  /** Channels the bot is not in: chat.getPermalink answers `channel_not_found` for them (until reset). */
  notInChannel(channel: string): void;
  /** The permalink the fake gives for a message. */
  permalink(channel: string, ts: string): string;
  /** Resolves when `predicate` holds for the recorded calls (polls; rejects after `timeoutMs`). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(request: IncomingMessage, bytes: Buffer): Record<string, unknown> {
  const raw = bytes.toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient sends nested values (blocks, view, files) as JSON strings in form fields.
    try {
      out[key] = key === 'blocks' || key === 'view' || key === 'attachments' || key === 'files' ? JSON.parse(value) : value;
    } catch {
      out[key] = value;
    }
  }
  return out;
}

/** The file bytes of an upload: the first file part of a multipart body, or the raw body. */
async function uploadedBytes(request: IncomingMessage, bytes: Buffer): Promise<{ bytes: Buffer; multipart: boolean }> {
  const type = request.headers['content-type'] ?? '';
  if (!type.includes('multipart/form-data')) return { bytes, multipart: false };
  // undici's Request parses multipart (Node 20 global): no hand-written parser.
  const form = await new Request('http://127.0.0.1/upload', { method: 'POST', headers: { 'content-type': type }, body: bytes }).formData();
  for (const [, value] of form) {
    if (typeof value !== 'string') return { bytes: Buffer.from(await value.arrayBuffer()), multipart: true };
  }
  return { bytes: Buffer.alloc(0), multipart: true };
}

export async function startSlackFake(): Promise<SlackFake> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure[]>();
  const users = new Map<string, { name?: string; locale?: string; tz?: string }>();
  const uploads: SlackUpload[] = [];
  const pending = new Map<string, { filename: string; length: number; alt: string | undefined; bytes: Buffer }>();
  const hiddenChannels = new Set<string>();
  const permalink = (channel: string, messageTs: string): string => `https://fake.slack.com/archives/${channel}/p${messageTs.replace('.', '')}`;
  let fileIds = 0;
  let ts = 1_773_134_000;
  const grants = new Map<string, OAuthGrant>(Object.entries(structuredClone(FAKE_GRANTS)));
  /** Tokens handed out by oauth.v2.access: what auth.test says about each. */
  const tokens = new Map<string, OAuthGrant>(Object.values(FAKE_GRANTS).map((grant) => [grant.access_token, grant]));

  const answer = (method: string, body: Record<string, unknown>, token: string | undefined): Record<string, unknown> => {
    switch (method) {
      case 'auth.test': {
        const granted = token ? tokens.get(token) : undefined;
        if (granted) {
          const org = granted.is_enterprise_install;
          return {
            ok: true,
            url: org ? 'https://groupe-org.enterprise.slack.com/' : `https://${granted.team!.id.toLowerCase()}.slack.com/`,
            team: org ? granted.enterprise!.name : granted.team!.name,
            user: 'relance',
            team_id: org ? granted.enterprise!.id : granted.team!.id,
            user_id: granted.bot_user_id,
            bot_id: `B${granted.bot_user_id.slice(1)}`,
            ...(granted.enterprise ? { enterprise_id: granted.enterprise.id } : {}),
            is_enterprise_install: org,
          };
        }
        return { ok: true, url: 'https://acme-fr.slack.com/', team: 'Acme', user: 'relance', team_id: 'T0ACMEFR01', user_id: 'U0RELANCE1', bot_id: 'B0RELANCE1' };
      }
      case 'oauth.v2.access': {
        // The WebClient sends the app's credentials as form fields.
        if (body['client_id'] !== FAKE_CLIENT_ID) return { ok: false, error: 'invalid_client_id' };
        if (body['client_secret'] !== FAKE_CLIENT_SECRET) return { ok: false, error: 'bad_client_secret' };
        const code = String(body['code'] ?? '');
        const granted = grants.get(code);
        if (!granted) return { ok: false, error: 'invalid_code' };
        grants.delete(code);
        tokens.set(granted.access_token, granted);
        return { ok: true, ...granted };
      }
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
      case 'views.publish': {
        const view = body['view'] as { type?: string; blocks?: unknown[] } | undefined;
        if (!body['user_id'] || view?.type !== 'home' || !Array.isArray(view.blocks)) return { ok: false, error: 'invalid_arguments' };
        if (view.blocks.length > 100) return { ok: false, error: 'invalid_blocks' };
        return { ok: true, view: { id: `V0HOME${String(body['user_id']).slice(1, 9)}`, type: 'home', blocks: view.blocks, hash: `${Date.now()}.fake` } };
      }
      case 'chat.getPermalink': {
        const channel = String(body['channel'] ?? '');
        const messageTs = String(body['message_ts'] ?? '');
        if (!channel || hiddenChannels.has(channel)) return { ok: false, error: 'channel_not_found' };
        if (!messageTs) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel, permalink: permalink(channel, messageTs) };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D0${String(body['users']).slice(1, 9)}` } };
      case 'files.getUploadURLExternal': {
        if (!body['filename'] || !Number(body['length'])) return { ok: false, error: 'invalid_arguments' };
        const fileId = `F0FAKE${String(++fileIds).padStart(4, '0')}`;
        const alt = body['alt_text'] ?? body['alt_txt'];
        pending.set(fileId, { filename: String(body['filename']), length: Number(body['length']), alt: alt === undefined ? undefined : String(alt), bytes: Buffer.alloc(0) });
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = body['files'] as Array<{ id: string; title?: string }> | undefined;
        if (!Array.isArray(files) || files.length === 0 || files.some((file) => !pending.has(file.id))) return { ok: false, error: 'invalid_arguments' };
        for (const file of files) {
          const upload = pending.get(file.id)!;
          pending.delete(file.id);
          uploads.push({
            fileId: file.id,
            filename: upload.filename,
            length: upload.length,
            alt: upload.alt,
            title: file.title,
            channel: body['channel_id'] === undefined ? undefined : String(body['channel_id']),
            thread: body['thread_ts'] === undefined ? undefined : String(body['thread_ts']),
            initialComment: body['initial_comment'] === undefined ? undefined : String(body['initial_comment']),
            bytes: upload.bytes,
          });
        }
        return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title ?? '' })) };
      }
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = await readRaw(request);
      if (url.pathname.startsWith('/upload/')) {
        const fileId = url.pathname.slice('/upload/'.length);
        const { bytes, multipart } = await uploadedBytes(request, raw);
        calls.push({ method: 'upload', body: { _url: url.pathname, fileId, size: bytes.length, multipart }, at: Date.now() });
        const upload = pending.get(fileId);
        const failure = failures.get('upload')?.shift();
        if (!upload || failure) {
          response.writeHead(upload ? 500 : 404, { 'content-type': 'text/plain' }).end(upload ? 'upload failed' : 'unknown file');
          return;
        }
        upload.bytes = bytes;
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
        return;
      }
      const body = parseBody(request, raw);
      if (url.pathname.startsWith('/response/')) {
        calls.push({ method: 'response', body: { ...body, _url: url.pathname }, at: Date.now() });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const bearer = /^Bearer (.+)$/.exec(request.headers['authorization'] ?? '')?.[1];
      const token = bearer ?? (typeof body['token'] === 'string' ? body['token'] : undefined);
      const call: RecordedCall = { method, body, at: Date.now(), ...(token ? { token } : {}) };
      calls.push(call);
      const failure = failures.get(method)?.shift();
      const overLimit = failure ? undefined : checkLimit(method, body, call.at);
      if ((failure && 'status' in failure) || overLimit !== undefined) {
        call.status = 429;
        const retryAfter = failure && 'status' in failure ? failure.retryAfter : overLimit!;
        response.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const payload = failure ? { ok: false, error: failure.error } : answer(method, body, token);
      call.answer = payload;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  /** Accepted calls per limited key (a sliding window), and keys answering 429 until a time. */
  const limits = new Map<string, FakeRateLimit>();
  const windows = new Map<string, number[]>();
  const blockedUntil = new Map<string, number>();
  /** Retry-After (seconds) when this call is over its method's limit, else undefined (and it counts). */
  function checkLimit(method: string, body: Record<string, unknown>, at: number): number | undefined {
    const limit = limits.get(method);
    if (!limit) return undefined;
    const retryAfter = limit.retryAfter ?? 1;
    const key = limit.perChannel ? `${method}:${String(body['channel'] ?? body['channel_id'] ?? '')}` : method;
    if (at < (blockedUntil.get(key) ?? 0)) return retryAfter;
    const recent = (windows.get(key) ?? []).filter((time) => at - time < limit.windowMs);
    if (recent.length >= limit.count) {
      windows.set(key, recent);
      blockedUntil.set(key, at + retryAfter * 1000);
      return retryAfter;
    }
    recent.push(at);
    windows.set(key, recent);
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  let responseIds = 0;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id ?? ++responseIds}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    uploads,
    failNext(method, failure, count = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: count }, () => failure)]);
    },
    limitRate(method, limit) {
      limits.set(method, limit);
    },
    setUser(id, user) {
      users.set(id, user);
    },
    grant(code, grant) {
      grants.set(code, grant);
    },
    notInChannel(channel) {
      hiddenChannels.add(channel);
    },
    permalink,
    async waitFor(predicate, timeoutMs = 10_000) {
      const start = Date.now();
      while (!predicate(calls)) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; calls so far: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    reset() {
      calls.length = 0;
      uploads.length = 0;
      pending.clear();
      failures.clear();
      hiddenChannels.clear();
      limits.clear();
      windows.clear();
      blockedUntil.clear();
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
