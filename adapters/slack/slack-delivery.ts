// What the inbox needs to know about a Slack delivery before it is acknowledged: a key that a
// retry of the same delivery repeats (Events API `event_id`, an interaction's `trigger_id`), the
// workspace it comes from and where a late answer can still go (response_url, 30 minutes).
// And the handle the receiver passes to Bolt's listeners through `customProperties`.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SlackRequest } from './slack-payloads.ts';

export interface SlackDeliveryInfo {
  key: string;
  tenant?: string;
  replyUrl?: string;
}

/**
 * The inbox's view of one delivery, shared by the receiver and the listeners (Bolt copies
 * `customProperties` into the listener's `context`): when it was received (a replay answers by DM
 * once response_url has expired), whether this run is a replay, and a failure the listener saw.
 */
export interface SlackInboxHandle {
  id: number;
  receivedAt: number;
  replay: boolean;
  failed?: string;
}

/** Slack's response_url accepts answers for 30 minutes; past this, a late answer goes by DM. */
export const RESPONSE_URL_TTL_MS = 29 * 60 * 1000;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const obj = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** The inbox key of a validated delivery, or undefined when it has none to key it by. */
export function slackDeliveryInfo(request: Extract<SlackRequest, { kind: 'process' }>): SlackDeliveryInfo | undefined {
  const body = request.body;
  const tenant = str(body['enterprise_id']) && body['is_enterprise_install'] === 'true' ? str(body['enterprise_id']) : (str(body['team_id']) ?? str(obj(body['team'])['id']) ?? str(obj(body['enterprise'])['id']));
  const replyUrl = str(body['response_url']);
  const base = { ...(tenant ? { tenant } : {}), ...(replyUrl ? { replyUrl } : {}) };
  switch (request.what) {
    case 'message':
    case 'app_mention':
    case 'app_home_opened':
    case 'app_uninstalled':
    case 'tokens_revoked': {
      // Slack's retries of an event carry the same event_id.
      const eventId = str(body['event_id']);
      return eventId ? { key: `slack:event:${eventId}`, ...base } : undefined;
    }
    case 'view_submission': {
      const view = obj(body['view']);
      const viewKey = str(view['id']) && str(view['hash']) ? `${str(view['id'])}:${str(view['hash'])}` : undefined;
      const key = str(body['trigger_id']) ?? viewKey;
      return key ? { key: `slack:view_submission:${key}`, ...base } : undefined;
    }
    default: {
      // Commands, clicks and shortcuts: one trigger_id per delivery (Slack does not retry these).
      const trigger = str(body['trigger_id']);
      return trigger ? { key: `slack:${request.what}:${trigger}`, ...base } : undefined;
    }
  }
}

const current = new AsyncLocalStorage<SlackInboxHandle>();

/**
 * Bolt global middleware: the delivery's inbox handle (from `customProperties`) is made current
 * for everything its listener does, so the dispatch can stamp events and report failures
 * without every listener passing it along.
 */
export const withSlackDelivery = async ({ context, next }: { context: Record<string, unknown>; next: () => Promise<void> }): Promise<void> => {
  const handle = context['inbox'] as SlackInboxHandle | undefined;
  if (!handle) return next();
  return current.run(handle, next);
};

/** The inbox handle of the delivery being worked, if it was recorded. */
export const currentSlackDelivery = (): SlackInboxHandle | undefined => current.getStore();
