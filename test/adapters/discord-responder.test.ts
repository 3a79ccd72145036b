import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { InteractionResponder, type RespondableInteraction } from '../../adapters/discord/discord-responder.ts';
import type { Reply } from '../../src/core/types.ts';

/** Records what was called, in order, like discord.js would send it. */
function recorder(withUpdate = false): { interaction: RespondableInteraction; calls: string[] } {
  const calls: string[] = [];
  const record = (name: string) => async (options?: Record<string, unknown>) => {
    calls.push(options && 'flags' in options ? `${name}(${options['flags'] ? 'ephemeral' : 'public'})` : name);
  };
  return {
    calls,
    interaction: {
      reply: record('reply'),
      deferReply: record('deferReply'),
      editReply: record('editReply'),
      deleteReply: record('deleteReply'),
      followUp: record('followUp'),
      ...(withUpdate ? { update: record('update') } : {}),
      showModal: record('showModal'),
    },
  };
}

const privateReply: Reply = { visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: 'hello' }] };
const publicReply: Reply = { visibility: 'channel', lang: 'en', blocks: [{ type: 'text', text: 'won!' }] };
const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('InteractionResponder', () => {
  it('replies once, then follows up', async () => {
    const { interaction, calls } = recorder();
    const responder = new InteractionResponder(interaction, { replacesMessage: false, logger });
    await responder.send(privateReply);
    await responder.send(publicReply);
    await responder.finish();
    expect(calls).toEqual(['reply(ephemeral)', 'followUp(public)']);
  });

  it('defers when the core is slow, then edits the deferred reply', async () => {
    const { interaction, calls } = recorder();
    const responder = new InteractionResponder(interaction, { replacesMessage: false, deferAfterMs: 10, logger });
    await sleep(40);
    await responder.send(privateReply);
    await responder.finish();
    expect(calls).toEqual(['deferReply(ephemeral)', 'editReply']);
  });

  it('turns a deferred ephemeral into a public message when the reply is for the channel', async () => {
    const { interaction, calls } = recorder();
    const responder = new InteractionResponder(interaction, { replacesMessage: false, deferAfterMs: 10, logger });
    await sleep(40);
    await responder.send(publicReply);
    await responder.finish();
    expect(calls).toEqual(['deferReply(ephemeral)', 'deleteReply', 'followUp(public)']);
  });

  it('updates the clicked message when answering a question, and opens forms as modals', async () => {
    const clicked = recorder(true);
    await new InteractionResponder(clicked.interaction, { replacesMessage: true, logger }).send(privateReply);
    expect(clicked.calls).toEqual(['update']);
    const command = recorder();
    const responder = new InteractionResponder(command.interaction, { replacesMessage: false, logger });
    await responder.send({ visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: 'q' }, { type: 'form', formId: 'command:deal new', title: '/deal new', submitLabel: 'OK', fields: [] }] });
    await responder.finish();
    expect(command.calls).toEqual(['showModal']);
  });

  it('never defers after finishing without a reply', async () => {
    const { interaction, calls } = recorder();
    const responder = new InteractionResponder(interaction, { replacesMessage: false, deferAfterMs: 10, logger });
    await responder.finish();
    await sleep(30);
    expect(calls).toEqual([]);
  });
});
