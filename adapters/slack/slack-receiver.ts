// The HTTP side of Slack for the real Bolt App: a Bolt receiver (the interface HTTPReceiver
// implements) that checks every request before Bolt processes it.
//
// Why not HTTPReceiver itself (read in @slack/bolt 5.1 and in bolt-js main):
// - its signature check refuses timestamps more than 5 minutes in the past only; Slack's rule
//   is the absolute difference, so a request dated in the future has to be refused too;
// - it dispatches whatever the body parses to: a signed JSON `null` throws inside its request
//   handler (an unhandled rejection, the request never answered), and a body without the
//   fields Bolt's routing reads is answered 500.
// So requests are verified here (same HMAC as Bolt, compared in constant time, timestamp at
// most 5 minutes away either way by the adapter's clock), then validated with zod
// (slack-payloads.ts), and only the validated body is handed to `app.processEvent` with
// Bolt's own HTTPResponseAck, as HTTPReceiver does. Bolt's App, listeners, ack timing
// (processBeforeResponse: false) and unhandled-request timeout are unchanged.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { AuthorizationError, HTTPModuleFunctions as httpFunc, HTTPResponseAck, type App, type BufferedIncomingMessage, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Inbox } from '../../src/inbox/inbox-runtime.ts';
import type { InboxRow } from '../../src/inbox/inbox.service.ts';
import { withoutNul } from '../../src/db/nul-free.ts';
import { ackDuration, acksTotal } from '../../src/ops/metrics.ts';
import type { HttpRequestContext } from '../../src/server/http-route.ts';
import { slackDeliveryInfo, type SlackInboxHandle } from './slack-delivery.ts';
import { readSlackRequest } from './slack-payloads.ts';

/** Slack's rule: refuse a request whose timestamp is more than five minutes away from now. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Why a request's signature is refused, or undefined when it is Slack's: `x-slack-signature`
 * must be `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`) and the timestamp
 * (whole seconds) at most five minutes before or after `nowMs`.
 */
export function signatureProblem(headers: IncomingHttpHeaders, rawBody: Buffer, signingSecret: string, nowMs: number): string | undefined {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'signature headers missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'timestamp is not a number of seconds';
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'timestamp more than 5 minutes away from now';
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch';
  return undefined;
}

export interface SlackReceiverOptions {
  signingSecret: string;
  /** Path Slack posts to. */
  endpoint?: string;
  /** One line per refused request, through the adapter's pino logger. */
  logger: Logger;
  /** Bolt's logger (for HTTPResponseAck's unacknowledged-request warning). */
  boltLogger: BoltLogger;
  /** The clock for the timestamp check (milliseconds). */
  now?: () => number;
  /** Largest body accepted (Bolt's default, 4 MB). */
  bodyLimit?: number;
  /**
   * Where deliveries are recorded before they are acknowledged (PostgreSQL): a process killed
   * after the 200 loses nothing, another replica works the delivery. Without it (tests of the
   * transport alone), deliveries are worked in memory as before.
   */
  inbox?: Inbox;
}

const FORM = 'application/x-www-form-urlencoded';

export class SlackRequestReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private readonly endpoint: string;
  private readonly now: () => number;

  constructor(private readonly options: SlackReceiverOptions) {
    if (!options.signingSecret) throw new Error('Slack signing secret is empty');
    this.endpoint = options.endpoint ?? '/slack/events';
    this.now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /**
   * Listens on `port` on its own server (one Slack workspace, tests); without a port it does not
   * listen: the deployment's server mounts `handle` at /slack/events with the other routes.
   */
  start(port?: number): Promise<Server | undefined> {
    if (port === undefined) return Promise.resolve(undefined);
    if (this.server) return Promise.reject(new Error('the Slack receiver is already started'));
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== this.endpoint || req.method !== 'POST') {
        httpFunc.buildNoBodyResponse(res, 404);
        return;
      }
      this.handle(req, res).catch((error: unknown) => this.fail(res, error));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Our own mistake (never a payload's): logged, answered 500 if nothing was sent yet. */
  private fail(res: ServerResponse, error: unknown): void {
    this.options.logger.error({ err: error }, 'slack: request handling failed');
    if (!res.headersSent) httpFunc.buildNoBodyResponse(res, 500);
  }

  private refuse(res: ServerResponse, status: number, message: string, details: Record<string, unknown>): void {
    this.options.logger.warn({ status, ...details }, message);
    httpFunc.buildNoBodyResponse(res, status);
  }

  /**
   * One POST to /slack/events: verified, validated, recorded in the inbox, then handed to Bolt,
   * whose listeners acknowledge at once and work after. Resolves when the work is finished.
   */
  async handle(req: IncomingMessage, res: ServerResponse, context?: HttpRequestContext): Promise<void> {
    const receivedAt = context?.receivedAt ?? Date.now();
    res.once('finish', () => ackDuration.observe({ platform: 'slack' }, (Date.now() - receivedAt) / 1000));
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await httpFunc.bufferIncomingMessage(req, this.options.bodyLimit ?? httpFunc.defaultBodyLimit);
    } catch (error) {
      const tooLarge = httpFunc.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413);
      this.refuse(res, tooLarge ? 413 : 400, 'slack: malformed request refused', { what: 'body', problems: [tooLarge ? 'body too large' : 'body could not be read'] });
      return;
    }
    const raw = buffered.rawBody;
    const form = req.headers['content-type'] === FORM;
    // Slack's certificate probe (`ssl_check=1`) is not signed: answered, nothing else done with it.
    if (form && parseQuery(raw.toString())['ssl_check'] === '1') {
      httpFunc.buildSSLCheckResponse(res);
      return;
    }
    const problem = signatureProblem(req.headers, raw, this.options.signingSecret, this.now());
    if (problem) {
      acksTotal.inc({ platform: 'slack', outcome: 'refused' });
      this.refuse(res, 401, 'slack: request refused', { problem });
      return;
    }
    let body: unknown;
    try {
      // Bolt's own reading: form fields, the JSON in a `payload` field, or a JSON body.
      body = httpFunc.parseHTTPRequestBody(buffered);
    } catch {
      acksTotal.inc({ platform: 'slack', outcome: 'malformed' });
      this.refuse(res, 400, 'slack: malformed request refused', { what: 'body', problems: [form ? 'payload is not JSON' : 'body is not JSON'], bytes: raw.length });
      return;
    }
    // PostgreSQL refuses U+0000 in jsonb and text: taken out here, before the inbox and the core.
    const request = readSlackRequest(withoutNul(body));
    switch (request.kind) {
      case 'malformed':
        acksTotal.inc({ platform: 'slack', outcome: 'malformed' });
        this.refuse(res, 400, 'slack: malformed request refused', { what: request.what, problems: request.problems, bytes: raw.length });
        return;
      case 'ignored':
        this.options.logger.debug({ what: request.what }, 'slack: request acknowledged and dropped');
        httpFunc.buildNoBodyResponse(res, 200);
        return;
      case 'url_verification':
        httpFunc.buildUrlVerificationResponse(res, { challenge: request.challenge });
        return;
      case 'process':
        break;
    }
    const inbox = this.options.inbox;
    const delivery = inbox ? slackDeliveryInfo(request) : undefined;
    if (!inbox || !delivery) {
      await this.process(request.body, request.what, buffered, req, res);
      return;
    }
    // Recorded before the acknowledgement; the insert is also the delivery's claim. If it fails
    // (database unreachable) the request is answered 500 and Slack knows it was not taken.
    const id = await inbox.record({ platform: 'slack', ...delivery, body: request.body, ...(context ? { requestId: context.requestId } : {}) });
    if (id === undefined) {
      // A retry of a delivery recorded already (here or on another replica): it is being worked.
      acksTotal.inc({ platform: 'slack', outcome: 'duplicate' });
      this.options.logger.info({ key: delivery.key, retryNum: httpFunc.extractRetryNumFromHTTPRequest(req) }, 'slack: delivery recorded already, acknowledged');
      httpFunc.buildNoBodyResponse(res, 200);
      return;
    }
    acksTotal.inc({ platform: 'slack', outcome: 'recorded' });
    const handle: SlackInboxHandle = { id, receivedAt, replay: false };
    await inbox.work({ id, attempts: 1 }, () => this.process(request.body, request.what, buffered, req, res, handle));
  }

  /**
   * Works again on a delivery recorded by a replica that stopped (killed, frozen) before finishing
   * it: the listeners run as they would have, with nothing to acknowledge; the core's idempotency
   * keys stop work done already, and replies still owed go out once.
   */
  async replay(row: InboxRow): Promise<void> {
    if (!this.app) throw new Error('the Slack receiver has no app');
    const handle: SlackInboxHandle = { id: row.id, receivedAt: row.receivedAt.getTime(), replay: true };
    await this.app.processEvent({ body: row.body as Record<string, unknown>, ack: async () => {}, customProperties: { inbox: handle } });
    if (handle.failed) throw new Error(handle.failed);
  }

  private async process(
    body: Record<string, unknown>,
    what: string,
    buffered: BufferedIncomingMessage,
    req: IncomingMessage,
    res: ServerResponse,
    handle?: SlackInboxHandle,
  ): Promise<void> {
    if (!this.app) throw new Error('the Slack receiver has no app');
    const ack = new HTTPResponseAck({ logger: this.options.boltLogger, processBeforeResponse: false, httpRequest: buffered, httpRequestBody: body, httpResponse: res });
    try {
      await this.app.processEvent({
        body,
        ack: ack.bind(),
        retryNum: httpFunc.extractRetryNumFromHTTPRequest(req),
        retryReason: httpFunc.extractRetryReasonFromHTTPRequest(req),
        customProperties: handle ? { inbox: handle } : {},
      });
    } catch (error) {
      if (res.headersSent) {
        this.options.logger.error({ err: error, what }, 'slack: error after acknowledging');
        // Acknowledged and not worked: another attempt, from the inbox.
        if (handle) throw error;
      } else if (error instanceof AuthorizationError) {
        // A workspace without an installation (or with revoked tokens): refused for good.
        acksTotal.inc({ platform: 'slack', outcome: 'refused' });
        this.refuse(res, 401, 'slack: request refused', { problem: 'authorization failed' });
        ack.ack();
      } else {
        this.fail(res, error);
        ack.ack();
        if (handle) throw error;
      }
    }
    // The listener caught a failure of the work itself (logged there): another attempt.
    if (handle?.failed) throw new Error(handle.failed);
  }
}
