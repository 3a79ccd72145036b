// Boundary types between the platform-neutral core and the chat adapters.
// Nothing here may depend on a chat SDK: adapters translate to and from these shapes.

/** A supported language for user-facing text. */
export type Lang = 'fr' | 'en';

/** The chat platforms Relance speaks to. */
export type Platform = 'slack' | 'discord' | 'console';

/** Where a conversation happens; serialisable so jobs can post to it later without a live handle. */
export interface ConversationRef {
  /** Platform the conversation lives on. */
  platform: Platform;
  /** Platform tenant id (Slack team/enterprise id, Discord guild id, console workspace name). */
  workspaceId: string;
  /** Platform channel id (a DM channel id for direct messages). */
  channelId: string;
  /** Thread id when the conversation is inside a thread. */
  threadId?: string;
  /** Platform user id of the member talking to the bot. */
  userId: string;
  /** True when the channel is a direct message with the bot. */
  isDM: boolean;
}

/** The person behind an event, as the platform describes them. */
export interface Actor {
  /** Platform user id. */
  id: string;
  /** Name to show in replies. */
  displayName: string;
  /** Platform locale such as `fr-FR` or `en-US`, when known. */
  locale?: string;
  /** IANA time zone such as `Europe/Paris`, when known. */
  timeZone?: string;
}

/** Fields shared by every incoming event. */
export interface EventBase {
  /** Where the event happened. */
  ref: ConversationRef;
  /** Who sent it. */
  actor: Actor;
  /** Retry-proof key of the platform delivery (Slack trigger/event id, Discord interaction id). */
  idempotencyKey: string;
  /** The raw platform payload, for logging only; the core never reads it. */
  raw?: unknown;
  /**
   * Set by adapters that record deliveries in the inbox before acknowledging them. The core then
   * keeps a write's replies with the work, in its transaction; a `replay` (the delivery worked
   * again after its replica died) that finds the work committed sends the replies still owed,
   * once, instead of doing anything again.
   */
  delivery?: { replay: boolean };
}

/** A slash command or a typed command line. */
export interface CommandEvent extends EventBase {
  /** Discriminant. */
  kind: 'command';
  /** Command name or alias, without the leading slash. */
  name: string;
  /** Everything after the command name, unparsed. */
  text: string;
}

/** A click on a button or a choice in a select menu. */
export interface ActionEvent extends EventBase {
  /** Discriminant. */
  kind: 'action';
  /** The `actionId` of the button or select the member used. */
  actionId: string;
  /** The value carried by the button, or the chosen option. */
  value: string;
}

/** A submitted form (Slack modal, Discord modal). */
export interface SubmissionEvent extends EventBase {
  /** Discriminant. */
  kind: 'submission';
  /** The `formId` of the submitted form. */
  formId: string;
  /** Submitted values, keyed by field name; empty fields are absent. */
  values: Record<string, string>;
}

/** A free-text message sent into an ongoing conversation (a dialog answer). */
export interface MessageEvent extends EventBase {
  /** Discriminant. */
  kind: 'message';
  /** The message text. */
  text: string;
  /** True for channel chatter the bot merely overhears: answer only when a question is pending. */
  quietIfIdle?: boolean;
}

/** A request for suggestions while the member types an option value. */
export interface AutocompleteEvent extends EventBase {
  /** Discriminant. */
  kind: 'autocomplete';
  /** Command name. */
  command: string;
  /** Option (argument) name being typed. */
  option: string;
  /** What the member has typed so far. */
  partial: string;
}

/** Where a captured chat message came from, as the platform says it. */
export interface MessageSource {
  /** Link to the message (Slack permalink, Discord message URL), when the platform gives one. */
  url?: string;
  /** Platform user id of the message's author. */
  authorId?: string;
  /** The author's name as shown. */
  authorName?: string;
  /** Platform channel id the message is in. */
  channelId?: string;
  /** The channel's name as shown (`#ventes`), when known. */
  channelName?: string;
}

/**
 * A chat message the member wants logged (Slack message shortcut, Discord message context
 * menu): the core answers with a form prefilled from the text; the source is kept on the
 * activity the form creates.
 */
export interface CaptureEvent extends EventBase {
  /** Discriminant. */
  kind: 'capture';
  /** The message's text, as the platform gives it (read by adapters into plain text). */
  text: string;
  source: MessageSource;
}

/** The member opened their home (Slack App Home): the core answers with "my day". */
export interface HomeEvent extends EventBase {
  /** Discriminant. */
  kind: 'home';
}

/** Everything an adapter can hand to the core. */
export type IncomingEvent = CommandEvent | ActionEvent | SubmissionEvent | MessageEvent | AutocompleteEvent | CaptureEvent | HomeEvent;

/** A button on a bot message; clicking it sends an `ActionEvent` with `actionId` and `value`. */
export interface ButtonSpec {
  /** Visible label (plain text). */
  label: string;
  /** Routed by the core; opaque to adapters. */
  actionId: string;
  /** Carried back unchanged on click. */
  value: string;
  /** Visual hint; adapters map it to the closest platform style. */
  style?: 'primary' | 'danger';
}

/** One choice of a select or a form field. */
export interface ChoiceSpec {
  /** Visible label (plain text). */
  label: string;
  /** Value sent back when chosen. */
  value: string;
}

/** One input of a form. */
export interface FormField {
  /** Key of the value in the submission. */
  name: string;
  /** Visible label. */
  label: string;
  /** Input kind; adapters without a matching widget fall back to text. */
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select';
  /** True when the form cannot be submitted without it. */
  required: boolean;
  /** Help text shown under the input. */
  hint?: string;
  /** Pre-filled value. */
  initial?: string;
  /** Choices for `select` fields. */
  choices?: ChoiceSpec[];
  /** Maximum length for text inputs. */
  maxLength?: number;
}

/**
 * The blocks of a reply. All text is plain text: adapters escape it for their markup,
 * so user-provided names can never ping anyone or inject links.
 */
export type Block =
  | { type: 'text'; text: string }
  | { type: 'section'; title: string; text?: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'list'; title?: string; items: string[] }
  | { type: 'buttons'; buttons: ButtonSpec[] }
  | { type: 'select'; actionId: string; placeholder: string; options: ChoiceSpec[] }
  | { type: 'form'; formId: string; title: string; submitLabel: string; fields: FormField[] }
  | { type: 'image'; png: Uint8Array; fileName: string; alt: string; title?: string }
  | { type: 'file'; bytes: Uint8Array; fileName: string; mimeType: string; title: string }
  /** A link: `label` is plain text (escaped by adapters); `url` is http(s) only, checked by the core. */
  | { type: 'link'; url: string; label: string }
  | { type: 'divider' };

/** A platform-neutral reply; adapters render it within their platform's limits. */
export interface Reply {
  /** Ordered content. */
  blocks: Block[];
  /** `private` replies are seen only by the member (ephemeral/DM); `channel` replies by everyone there. */
  visibility: 'private' | 'channel';
  /** The language it is written in: renderers set typography (and adapters the locale) from it, never guessing. */
  lang: Lang;
}

/** A reply being built by the core, before it is stamped with the member's language. */
export type ReplyDraft = Omit<Reply, 'lang'> & { lang?: Lang };

/** Where the core sends replies for one incoming event. */
export type ReplySink = (reply: Reply) => Promise<void>;

/** The core as seen by adapters: hand it an event and a way to answer. */
export type EventHandler = (event: IncomingEvent, respond: ReplySink) => Promise<void>;

/** Autocomplete suggestions returned synchronously to the platform. */
export type Suggestions = ChoiceSpec[];

/** A transport between a chat platform and the core. */
export interface ChatAdapter {
  /** Which platform this adapter serves. */
  readonly platform: Platform;
  /** Start receiving events and pass each one to the handler. */
  start(handler: EventHandler): Promise<void>;
  /** Stop receiving events and release connections. */
  stop(): Promise<void>;
  /** Post a reply to a stored conversation (used by jobs, which hold no live handle). */
  send(ref: ConversationRef, reply: Reply): Promise<void>;
}
