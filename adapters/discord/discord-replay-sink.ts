// Where the replies of a replayed interaction go. The replica that received it died after
// recording it; whether it answered first is unknown. While the interaction token is valid (15
// minutes from when Discord sent it), replies are follow-ups on it; after that, or when Discord
// refuses the follow-up (the first answer never went out, so the token was never acknowledged),
// they go to the member's DM. A reply sent to the DM for an interaction in a server carries its
// origin on its buttons (discord-origin.ts), so a click there acts where the member was.
import type { API } from '@discordjs/core';
import type { Logger } from 'pino';
import type { Block, Reply, ReplySink } from '../../src/core/types.ts';
import { renderDiscordMessages, type DiscordMessage } from './discord-message.renderer.ts';
import { markComponents, type Origin } from './discord-origin.ts';
import { briefError } from './discord-payloads.ts';
import { restMessageOf, withoutFlags } from './discord-rest-messages.ts';

/** How long Discord keeps an interaction token valid. */
export const INTERACTION_TOKEN_MS = 15 * 60 * 1000;
/** Follow-ups stop this much before the token expires: a request in flight must not arrive late. */
const TOKEN_MARGIN_MS = 30 * 1000;

const EPHEMERAL = 1 << 6;

export interface ReplaySinkOptions {
  api: API;
  applicationId: string;
  token: string;
  /** When Discord sent the interaction (the inbox row's receivedAt). */
  receivedAt: Date;
  now: () => Date;
  /** Who to write to in their DM. */
  userId: string;
  /**
   * The server channel the interaction belongs to: follow-ups carry it when the interaction was a
   * click in the DM on such a reply (`clicked`), DM messages whenever it is set.
   */
  origin?: Origin;
  /** The interaction was itself a click carrying `origin` (its follow-ups are in the DM too). */
  clicked: boolean;
  logger: Logger;
}

/** Whether an interaction token received at `receivedAt` can still be used at `now`. */
export const tokenValid = (receivedAt: Date, now: Date): boolean => now.getTime() < receivedAt.getTime() + INTERACTION_TOKEN_MS - TOKEN_MARGIN_MS;

export function replaySink(options: ReplaySinkOptions): ReplySink {
  const { api, logger } = options;
  let useToken = tokenValid(options.receivedAt, options.now());
  let dmChannel: Promise<string> | undefined;
  let chain: Promise<void> = Promise.resolve();

  const toDm = async (message: DiscordMessage): Promise<void> => {
    dmChannel ??= api.users.createDM(options.userId).then((channel) => channel.id);
    const channelId = await dmChannel;
    const marked = options.origin ? markComponents(message, options.origin, logger) : message;
    const { body, files } = withoutFlags(restMessageOf(marked));
    await api.channels.createMessage(channelId, { ...body, files } as never);
  };

  const deliver = async (reply: Reply): Promise<void> => {
    if (reply.blocks.some((block: Block) => block.type === 'form')) {
      logger.warn({ formId: formIdOf(reply) }, 'discord: a replayed reply carries a form; it cannot open as a modal');
    }
    for (const message of render(reply, logger)) {
      if (useToken) {
        try {
          const marked = options.clicked && options.origin ? markComponents(message, options.origin, logger) : message;
          const { body, files } = restMessageOf(marked, reply.visibility === 'private' ? EPHEMERAL : 0);
          await api.interactions.followUp(options.applicationId, options.token, { ...body, files } as never);
          continue;
        } catch (error) {
          // The token was never acknowledged, or expired meanwhile: the DM, from now on.
          logger.warn({ error: briefError(error) }, 'discord: follow-up refused for a replayed interaction; answering in the DM');
          useToken = false;
        }
      }
      await toDm(message);
    }
  };

  return (reply) => {
    chain = chain.then(() => deliver(reply)).catch((error: unknown) => logger.warn({ error: briefError(error) }, 'discord: replayed reply failed'));
    return chain;
  };
}

const render = (reply: Reply, logger: Logger) => renderDiscordMessages(reply, { onSkippedAttachment: (attachment) => logger.warn(attachment, 'discord: attachment too large to send, left out') });

const formIdOf = (reply: Reply): string | undefined => {
  const form = reply.blocks.find((block) => block.type === 'form');
  return form?.type === 'form' ? form.formId.slice(0, 100) : undefined;
};
