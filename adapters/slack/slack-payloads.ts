// What a Slack request may contain before Bolt and the listeners see it. Each kind Relance
// handles (slash command, block_actions, view_submission, message and global shortcuts,
// message, app_mention and app_home_opened events, and the app_uninstalled and tokens_revoked
// events that end an OAuth installation) is checked with zod;
// the parsed result, with only the fields declared here, is what Bolt processes, so a listener
// never meets a missing user id, a number where a string belongs or a 100,000-character id.
// Kinds Relance does not use are acknowledged and dropped; anything else is malformed.
import { z } from 'zod';

/** Slack ids (T…, U…, C…), trigger ids, timestamps: short. */
const ID_MAX = 255;
/** Button values, names, URLs, private_metadata (3000 in Slack's docs). */
const SHORT_MAX = 3_000;
/** Text typed by a person: slash-command text, messages, modal inputs (Slack's 40,000-character message limit). */
const TEXT_MAX = 40_000;

const id = z.string().min(1).max(ID_MAX);
const short = z.string().max(SHORT_MAX);
const text = z.string().max(TEXT_MAX);
const httpUrl = z.url({ protocol: /^https?$/ }).max(SHORT_MAX);

/** A slash command (form fields, all strings: a repeated field arrives as an array and is refused). */
export const slashCommandSchema = z.object({
  command: z.string().regex(/^\/[^\s/]{1,32}$/),
  text: text.default(''),
  team_id: id,
  user_id: id,
  channel_id: id,
  response_url: httpUrl,
  trigger_id: id,
  user_name: short.optional(),
  channel_name: short.optional(),
  team_domain: short.optional(),
  enterprise_id: id.optional(),
  enterprise_name: short.optional(),
  is_enterprise_install: z.enum(['true', 'false']).optional(),
  api_app_id: id.optional(),
  token: short.optional(),
});

const user = z.object({ id, name: short.optional(), username: short.optional(), team_id: id.optional() });
const team = z.object({ id, domain: short.optional(), enterprise_id: id.optional() }).nullable();
const enterprise = z.object({ id, name: short.optional() }).nullable();
/** Fields shared by interactivity payloads, as Bolt reads them (tenant, enterprise install). */
const interactivity = {
  user,
  team: team.optional(),
  enterprise: enterprise.optional(),
  is_enterprise_install: z.boolean().optional(),
  api_app_id: id.optional(),
  token: short.optional(),
};

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  ...interactivity,
  trigger_id: id,
  response_url: httpUrl.optional(),
  channel: z.object({ id, name: short.optional() }).optional(),
  container: z.object({ type: short, channel_id: id.optional(), message_ts: id.optional(), view_id: id.optional(), is_ephemeral: z.boolean().optional() }).optional(),
  message: z.object({ ts: id.optional(), thread_ts: id.optional() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: id,
        block_id: id.optional(),
        type: short,
        action_ts: id.optional(),
        value: short.optional(),
        selected_option: z.object({ value: short }).optional(),
      }),
    )
    .min(1)
    .max(25),
});

/** One input of a submitted modal: the kinds of value Relance's modals hold. */
const inputState = z.object({
  type: short,
  value: text.nullish(),
  selected_date: id.nullish(),
  selected_option: z.object({ value: short }).nullish(),
});

export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  ...interactivity,
  trigger_id: id.optional(),
  view: z.object({
    id,
    hash: id.optional(),
    type: short.optional(),
    callback_id: z.string().max(ID_MAX),
    private_metadata: short.default(''),
    team_id: id.optional(),
    app_installed_team_id: id.optional(),
    state: z.object({ values: z.record(id, z.record(id, inputState)) }),
  }),
});

/**
 * A message shortcut (« Journaliser dans Relance »): the message it was used on, where, and a
 * trigger to open the form. Fields per Slack's shortcuts payload reference and bolt-js's
 * MessageShortcut; the message's blocks and files are not read (its text is what is logged).
 */
export const messageActionSchema = z.object({
  type: z.literal('message_action'),
  ...interactivity,
  callback_id: id,
  trigger_id: id,
  action_ts: id.optional(),
  message_ts: id.optional(),
  response_url: httpUrl.optional(),
  channel: z.object({ id, name: short.optional() }),
  message: z.object({
    type: short.optional(),
    ts: id,
    thread_ts: id.optional(),
    user: id.optional(),
    bot_id: id.optional(),
    username: short.optional(),
    subtype: short.optional(),
    text: text.nullish(),
  }),
});

/** A global shortcut (« Nouvelle activité », « Nouvelle affaire »): no channel, no message. */
export const globalShortcutSchema = z.object({
  type: z.literal('shortcut'),
  ...interactivity,
  callback_id: id,
  trigger_id: id,
  action_ts: id.optional(),
});

/** The message event Relance listens to (DMs: sentences to the bot); other fields dropped. */
const messageEvent = z.object({
  type: z.literal('message'),
  channel: id,
  ts: id,
  user: id.nullish(),
  text: text.nullish(),
  subtype: short.nullish(),
  bot_id: id.nullish(),
  thread_ts: id.nullish(),
  channel_type: short.nullish(),
  team: id.nullish(),
  event_ts: id.nullish(),
});

/**
 * A mention of the bot in a channel (sentences to the bot). The text is required (Slack always
 * sends it; the mention is in it). A member is behind it, or a bot (bot_id, often without a
 * user): such a payload is acknowledged and the listener drops it; one with neither is malformed.
 */
const appMentionEvent = z
  .object({
    type: z.literal('app_mention'),
    channel: id,
    ts: id,
    text,
    user: id.nullish(),
    bot_id: id.nullish(),
    subtype: short.nullish(),
    thread_ts: id.nullish(),
    team: id.nullish(),
    event_ts: id.nullish(),
  })
  .refine((event) => Boolean(event.user || event.bot_id), { message: 'user or bot_id required', path: ['user'] });

const eventEnvelope = {
  type: z.literal('event_callback'),
  team_id: id,
  enterprise_id: id.nullish(),
  api_app_id: id.optional(),
  event_id: id.optional(),
  event_time: z.number().optional(),
  token: short.optional(),
  authorizations: z
    .array(z.object({ enterprise_id: id.nullable(), team_id: id.nullable(), user_id: id.optional(), is_bot: z.boolean().optional(), is_enterprise_install: z.boolean().optional() }))
    .max(10)
    .optional(),
};

/** The member opened the app's home (the Home tab or the Messages tab); the published view it carries is not read. */
const appHomeOpenedEvent = z.object({
  type: z.literal('app_home_opened'),
  user: id,
  channel: id,
  tab: short.optional(),
  event_ts: id,
});

/** Relance was removed from the workspace (or organisation): its tokens are gone (slack-lifecycle.ts). */
const appUninstalledEvent = z.object({ type: z.literal('app_uninstalled'), event_ts: id.optional() });

/** Tokens revoked: `bot` lists bot user ids, `oauth` user ids whose user tokens were revoked. */
const tokensRevokedEvent = z.object({
  type: z.literal('tokens_revoked'),
  tokens: z.object({ oauth: z.array(id).max(1_000).optional(), bot: z.array(id).max(1_000).optional() }),
  event_ts: id.optional(),
});

export const messageEventSchema = z.object({ ...eventEnvelope, event: messageEvent });
export const appUninstalledEventSchema = z.object({ ...eventEnvelope, event: appUninstalledEvent });
export const tokensRevokedEventSchema = z.object({ ...eventEnvelope, event: tokensRevokedEvent });
export const appHomeOpenedEventSchema = z.object({ ...eventEnvelope, event: appHomeOpenedEvent });
export const appMentionEventSchema = z.object({ ...eventEnvelope, event: appMentionEvent });
/** Any other event: acknowledged (Slack retries otherwise) and dropped, as no listener wants it. */
const otherEventSchema = z.object({ ...eventEnvelope, event: z.object({ type: z.string().min(1).max(ID_MAX) }) });

const urlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(SHORT_MAX) });

/** Interactivity and envelope types Relance has no listener for (Slack still wants a 200). */
const IGNORED_TYPES = new Set(['view_closed', 'block_suggestion', 'interactive_message', 'dialog_submission', 'dialog_cancellation', 'dialog_suggestion', 'app_rate_limited']);

export type SlackRequest =
  | {
      kind: 'process';
      what: 'command' | 'block_actions' | 'view_submission' | 'message_action' | 'shortcut' | 'message' | 'app_mention' | 'app_home_opened' | 'app_uninstalled' | 'tokens_revoked';
      body: Record<string, unknown>;
    }
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'ignored'; what: string }
  | { kind: 'malformed'; what: string; problems: string[] };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first few zod issues, each short (paths can hold keys chosen by the sender). */
function problemsOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map((key) => String(key).slice(0, 40)).join('.').slice(0, 120);
    return `${path || '(body)'}: ${issue.message.slice(0, 120)}`;
  });
}

function check(what: Extract<SlackRequest, { kind: 'process' }>['what'], schema: z.ZodType<Record<string, unknown>>, body: unknown): SlackRequest {
  const parsed = schema.safeParse(body);
  return parsed.success ? { kind: 'process', what, body: parsed.data } : { kind: 'malformed', what, problems: problemsOf(parsed.error) };
}

/**
 * Sorts a parsed request body (form fields, `payload=` JSON or an Events API body) into what
 * Bolt should process, what is answered without it, and what is refused.
 */
export function readSlackRequest(body: unknown): SlackRequest {
  if (!isPlainObject(body)) return { kind: 'malformed', what: 'body', problems: [`(body): expected an object, got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`] };
  const type = body['type'];
  if (type === undefined && 'command' in body) return check('command', slashCommandSchema, body);
  if (typeof type !== 'string') return { kind: 'malformed', what: 'body', problems: ['type: expected a string (or a slash command)'] };
  switch (type) {
    case 'block_actions':
      return check('block_actions', blockActionsSchema, body);
    case 'view_submission':
      return check('view_submission', viewSubmissionSchema, body);
    case 'message_action':
      return check('message_action', messageActionSchema, body);
    case 'shortcut':
      return check('shortcut', globalShortcutSchema, body);
    case 'url_verification': {
      const parsed = urlVerificationSchema.safeParse(body);
      return parsed.success ? { kind: 'url_verification', challenge: parsed.data.challenge } : { kind: 'malformed', what: type, problems: problemsOf(parsed.error) };
    }
    case 'event_callback': {
      const event = body['event'];
      if (isPlainObject(event) && event['type'] === 'message') return check('message', messageEventSchema, body);
      if (isPlainObject(event) && event['type'] === 'app_mention') return check('app_mention', appMentionEventSchema, body);
      if (isPlainObject(event) && event['type'] === 'app_home_opened') return check('app_home_opened', appHomeOpenedEventSchema, body);
      if (isPlainObject(event) && event['type'] === 'app_uninstalled') return check('app_uninstalled', appUninstalledEventSchema, body);
      if (isPlainObject(event) && event['type'] === 'tokens_revoked') return check('tokens_revoked', tokensRevokedEventSchema, body);
      const other = otherEventSchema.safeParse(body);
      return other.success ? { kind: 'ignored', what: `event ${other.data.event.type}` } : { kind: 'malformed', what: 'event', problems: problemsOf(other.error) };
    }
    default:
      return IGNORED_TYPES.has(type) ? { kind: 'ignored', what: type } : { kind: 'malformed', what: 'body', problems: [`type: unknown (${type.slice(0, 40)})`] };
  }
}
