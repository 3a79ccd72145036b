// Where a click in the bot's DM really belongs. Discord has ephemeral messages only for
// interactions, so a private reply to a server mention is sent to the member's DM
// (discord-message-replies.ts). The core stored that reply's questions for the server's workspace
// and channel, but a click in the DM arrives with no server at all and would look for them in the
// member's DM workspace. So the components of such a reply carry their origin in their custom_id,
// `o:<guildId>:<channelId>|<custom_id>`, and a click on one in the bot's DM is read back in that
// place (discord-interactions.ts). Replies to such a click carry it on (discord-responder.ts), so
// a flow of several questions stays in its place.
//
// Why the origin can be trusted: Discord sends back the custom_id the bot itself put on its own
// message, to the app that wrote it, so no one else can write one. And it is read only from a
// click in a one-to-one DM with the bot (not a group DM, not a DM between two people where a
// user-installed app answers), which has one member besides the bot: the person the reply was
// sent to, the author of the server mention.
import { ChannelType, InteractionContextType, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordMessage } from './discord-message.renderer.ts';

/** The server channel a private reply answered. */
export interface Origin {
  guildId: string;
  channelId: string;
}

/** Discord's limit on a custom_id. */
const CUSTOM_ID_MAX = 100;

/** Snowflakes are at most 20 digits; anything else after `o:` is not an origin Relance wrote. */
const MARKED = /^o:(\d{1,20}):(\d{1,20})\|([\s\S]+)$/;

/** The custom_id carrying its origin, or undefined when that would pass Discord's 100 characters. */
export function withOrigin(customId: string, origin: Origin): string | undefined {
  const marked = `o:${origin.guildId}:${origin.channelId}|${customId}`;
  return marked.length <= CUSTOM_ID_MAX ? marked : undefined;
}

/**
 * The message with every button's and select menu's custom_id carrying the origin. A custom_id
 * too long to carry it is kept as it was, with a warning: a click on it then acts in the DM, as
 * before, which is better than a component Discord refuses, and the whole message with it. Link
 * buttons have a URL and no custom_id: they send no interaction and stay as they are.
 */
export function markComponents(message: DiscordMessage, origin: Origin, logger: Pick<Logger, 'warn'>): DiscordMessage {
  if (message.components.length === 0) return message;
  const mark = (component: Record<string, unknown>): Record<string, unknown> => {
    const customId = component['custom_id'];
    if (typeof customId !== 'string') return component;
    const marked = withOrigin(customId, origin);
    if (marked === undefined) {
      // The length only: a custom_id may quote what the member typed.
      logger.warn({ ...origin, length: customId.length }, 'discord: custom_id too long to carry its server channel; a click on it in the DM acts in the DM');
      return component;
    }
    return { ...component, custom_id: marked };
  };
  return { ...message, components: message.components.map((row) => ({ ...row, components: row.components.map(mark) })) };
}

/** Reads `o:<guildId>:<channelId>|<custom_id>`; undefined for any other custom_id, malformed ones included. */
export function readOrigin(customId: string): { origin: Origin; customId: string } | undefined {
  const match = MARKED.exec(customId);
  if (!match) return undefined;
  return { origin: { guildId: match[1]!, channelId: match[2]! }, customId: match[3]! };
}

/** Where a click happened, whichever transport brought it (discord.js object or raw payload). */
export interface ClickPlace {
  guildId: string | null | undefined;
  /** The channel's type (1 a DM), when the interaction carries its channel. */
  channelType: number | undefined;
  /** Discord's interaction context (1 bot DM), null or absent on older payloads. */
  context: number | null | undefined;
  customId: string;
}

/**
 * A click's origin and its custom_id as the core wrote it, for a button or select menu in a
 * one-to-one DM with the bot; undefined everywhere else (server clicks are in their place
 * already) and for a custom_id carrying no well-formed origin, which is then read as it is, in the DM.
 */
export function clickOriginOf(place: ClickPlace): { origin: Origin; customId: string } | undefined {
  if (place.guildId || place.channelType !== ChannelType.DM) return undefined;
  // Discord says where a click happened; payloads from before that field only come from bot DMs
  // (a DM between two people reaches only user-installed apps, which always get the field).
  if (place.context !== null && place.context !== undefined && place.context !== InteractionContextType.BotDM) return undefined;
  return readOrigin(place.customId);
}

/** `clickOriginOf` for a discord.js interaction (buttons and string selects only). */
export function clickOrigin(interaction: Interaction): { origin: Origin; customId: string } | undefined {
  if (!interaction.isButton() && !interaction.isStringSelectMenu()) return undefined;
  return clickOriginOf({ guildId: interaction.guildId, channelType: interaction.channel?.type, context: interaction.context, customId: interaction.customId });
}
