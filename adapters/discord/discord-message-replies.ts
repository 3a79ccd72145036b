// Where the answers to a member's message go. Discord has ephemeral messages only for
// interactions, so: in a DM, everything goes in the DM; in a server, replies for everyone are
// posted in the channel as replies to the member's message, and private ones go to the member's
// DM, their buttons and menus carrying the server channel they answer (discord-origin.ts), so a
// click in the DM reaches the question where the core stored it. Nothing may ping anyone (not
// even the member replied to). Replies go out in order; a failed send is logged, never thrown
// back into discord.js.
import type { Message } from 'discord.js';
import type { Logger } from 'pino';
import type { Reply, ReplySink } from '../../src/core/types.ts';
import { renderDiscordMessages, type DiscordMessage } from './discord-message.renderer.ts';
import { markComponents } from './discord-origin.ts';
import { briefError } from './discord-payloads.ts';

const payloadOf = (message: DiscordMessage) => ({
  content: message.content ?? '',
  embeds: message.embeds,
  components: message.components as never,
  ...(message.files ? { files: message.files } : {}),
  allowedMentions: { parse: [] },
});

async function deliver(source: Message, reply: Reply, logger: Logger): Promise<void> {
  const messages = renderDiscordMessages(reply, { onSkippedAttachment: (attachment) => logger.warn(attachment, 'discord: attachment too large to send, left out') });
  const inDm = !source.guildId;
  if (inDm || reply.visibility === 'private') {
    // A private reply to a server mention goes to the member's DM (opened, or found, by discord.js).
    const channel = inDm ? source.channel : await source.author.createDM();
    if (!channel.isSendable()) throw new Error(`discord channel ${channel.id} is not sendable`);
    const origin = source.guildId ? { guildId: source.guildId, channelId: source.channelId } : undefined;
    for (const message of messages) await channel.send(payloadOf(origin ? markComponents(message, origin, logger) : message));
    return;
  }
  for (const message of messages) {
    await source.reply({
      ...payloadOf(message),
      allowedMentions: { parse: [], repliedUser: false },
      // The member's message may be deleted meanwhile: post in the channel all the same.
      failIfNotExists: false,
    });
  }
}

/** The sink for the core's replies to one message. */
export function messageReplySink(source: Message, logger: Logger): ReplySink {
  let chain: Promise<void> = Promise.resolve();
  return (reply) => {
    chain = chain
      .then(() => deliver(source, reply, logger))
      .catch((error: unknown) => logger.warn({ error: briefError(error), id: source.id, visibility: reply.visibility }, 'discord: message reply failed'));
    return chain;
  };
}
