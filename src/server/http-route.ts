// The boundary between the one HTTP server a deployment runs (src/server) and whatever serves
// a path on it: Slack's events and installs, Discord's interactions, health and metrics. Each
// platform adapter that receives over HTTP exposes its routes; the server mounts them all on
// PORT, gives every request an id and counts it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ChatAdapter } from '../core/types.ts';

export interface HttpRequestContext {
  /** `x-request-id` when a proxy set a sane one, else a new one: carried by every log line of the request's work. */
  requestId: string;
  /** The server's logger with `reqId` bound. */
  logger: Logger;
  /** When the first byte arrived (ms since epoch), for ack latency. */
  receivedAt: number;
}

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** Exact path, e.g. `/slack/events`. */
  path: string;
  /** Answers the request; a rejection is logged and answered 500 if nothing was sent yet. */
  handle(req: IncomingMessage, res: ServerResponse, context: HttpRequestContext): Promise<void>;
}

/** A chat adapter that receives over HTTP: its routes are mounted on the deployment's server. */
export interface HttpChatAdapter extends ChatAdapter {
  routes(): HttpRoute[];
  /** Whether the platform accepts our credentials (for /readyz); cached by the caller. */
  ready?(): Promise<{ ok: boolean; detail?: string }>;
}

export const isHttpChatAdapter = (adapter: ChatAdapter): adapter is HttpChatAdapter => typeof (adapter as Partial<HttpChatAdapter>).routes === 'function';
