// Answers one interaction the way Discord allows: one initial response within 3 s (a reply,
// an update of the clicked message, a modal, or a deferral), then edits and follow-ups within
// the 15-minute token. Never two initial responses; late or failed calls are logged, not thrown.
import type { Logger } from 'pino';
import type { Block, Reply } from '../../src/core/types.ts';
import { renderDiscordMessages, type DiscordMessage } from './discord-message.renderer.ts';
import { renderDiscordModal } from './discord-modal.renderer.ts';
import { markComponents, type Origin } from './discord-origin.ts';

const EPHEMERAL = 1 << 6;

/** The part of a discord.js interaction the responder uses. */
export interface RespondableInteraction {
  reply(options: Record<string, unknown>): Promise<unknown>;
  deferReply(options: Record<string, unknown>): Promise<unknown>;
  editReply(options: Record<string, unknown>): Promise<unknown>;
  deleteReply(): Promise<unknown>;
  followUp(options: Record<string, unknown>): Promise<unknown>;
  update?(options: Record<string, unknown>): Promise<unknown>;
  showModal?(modal: Record<string, unknown>): Promise<unknown>;
}

export interface ResponderOptions {
  /** A click on a question's button: the first answer replaces the question. */
  replacesMessage: boolean;
  /** Defer when the core has not answered after this long (Discord's limit is 3 s). */
  deferAfterMs?: number;
  /**
   * The server channel a click in the DM was read in (discord-origin.ts): the buttons of the
   * replies carry it too, so the next question of the same flow is answered there as well.
   */
  origin?: Origin;
  logger: Logger;
}

export class InteractionResponder {
  private state: 'new' | 'deferred' | 'answered' = 'new';
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly interaction: RespondableInteraction,
    private readonly options: ResponderOptions,
  ) {
    this.timer = setTimeout(() => {
      this.chain = this.chain.then(() => this.defer());
    }, options.deferAfterMs ?? 2000);
  }

  /** Queues a reply; replies go out in order. */
  send(reply: Reply): Promise<void> {
    this.chain = this.chain.then(() => this.deliver(reply)).catch((error: unknown) => this.options.logger.warn({ err: error }, 'discord reply failed'));
    return this.chain;
  }

  /** Ends the interaction: stops the deferral timer (and defers nothing if nothing was said). */
  finish(): Promise<void> {
    clearTimeout(this.timer);
    return this.chain;
  }

  private async defer(): Promise<void> {
    if (this.state !== 'new') return;
    this.state = 'deferred';
    await this.interaction.deferReply({ flags: EPHEMERAL }).catch((error: unknown) => this.options.logger.warn({ err: error }, 'discord defer failed'));
  }

  private async deliver(reply: Reply): Promise<void> {
    const form = reply.blocks.find((block): block is Extract<Block, { type: 'form' }> => block.type === 'form');
    if (form && this.state === 'new' && this.interaction.showModal) {
      clearTimeout(this.timer);
      this.state = 'answered';
      await this.interaction.showModal(renderDiscordModal(form));
      return;
    }
    // A modal can only be the first answer: once deferred (or answered), the form cannot open.
    if (form) this.options.logger.warn({ formId: form.formId.slice(0, 100), state: this.state }, 'discord: a form came after the first answer; it cannot open as a modal');
    const flags = reply.visibility === 'private' ? EPHEMERAL : 0;
    // Charts and files ride along as attachments, ephemeral ones included.
    const messages = renderDiscordMessages(reply, {
      onSkippedAttachment: (attachment) => this.options.logger.warn(attachment, 'discord: attachment too large to send, left out'),
    });
    const { origin, logger } = this.options;
    for (const message of messages) await this.post(origin ? markComponents(message, origin, logger) : message, flags);
  }

  private async post(message: DiscordMessage, flags: number): Promise<void> {
    const payload = {
      content: message.content ?? '',
      embeds: message.embeds,
      components: message.components,
      ...(message.files ? { files: message.files } : {}),
      allowedMentions: { parse: [] },
    };
    if (this.state === 'new') {
      clearTimeout(this.timer);
      this.state = 'answered';
      if (this.options.replacesMessage && this.interaction.update) await this.interaction.update(payload);
      else await this.interaction.reply({ ...payload, flags });
      return;
    }
    if (this.state === 'deferred') {
      this.state = 'answered';
      // The deferral was ephemeral: a reply meant for the channel replaces it with a public message.
      if (flags === 0) {
        await this.interaction.deleteReply();
        await this.interaction.followUp({ ...payload, flags });
      } else {
        await this.interaction.editReply(payload);
      }
      return;
    }
    await this.interaction.followUp({ ...payload, flags });
  }
}
