// Charts and export files through the real discord.js Client against the fake Discord:
// attachments on the interaction reply (public or ephemeral), on the edit of a deferred reply, on
// a follow-up, and on a message a job posts into a channel; a file over the size cap is left
// out, visibly. Bodies arrive as multipart (payload_json + files[n]).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { MAX_FILE_BYTES, tooLargeLine } from '../../adapters/discord/discord-message.renderer.ts';
import type { DiscordCall } from '../fakes/discord-gateway.fake.ts';
import { EXPORT_JSON, exportReply } from '../fakes/export-file.ts';
import { chartReply, TINY_PNG } from '../fakes/tiny-png.ts';
import { chatInput, startDiscordEnvironment, type DiscordEnvironment } from '../support/discord-environment.ts';

let env: DiscordEnvironment;
beforeAll(async () => {
  env = await startDiscordEnvironment();
});
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  env.stub = undefined;
  env.logs.length = 0;
});

let guilds = 0;
const newGuild = () => `7${String(Date.now()).slice(-9)}${String(++guilds).padStart(4, '0')}`;

/** Answers every interaction with these replies, after `delayMs` (past 2 s the responder defers). */
const answerWith = (replies: Reply[], delayMs = 0) => {
  env.stub = async (_event, respond) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    for (const reply of replies) await respond(reply);
  };
};

async function run(interaction: Record<string, any>, done: (calls: DiscordCall[]) => boolean): Promise<DiscordCall[]> {
  env.fake.dispatch(interaction);
  await env.fake.waitFor(() => done(env.fake.callsFor(interaction['token'])));
  return env.fake.callsFor(interaction['token']);
}

const expectChart = (call: DiscordCall, payload: any) => {
  expect(call.files).toHaveLength(1);
  expect(call.files[0]!.name).toBe('pipeline-by-stage.png');
  expect(call.files[0]!.contentType).toBe('image/png');
  expect(call.files[0]!.bytes.equals(Buffer.from(TINY_PNG))).toBe(true);
  // The alt text travels as the attachment's description.
  expect(payload.attachments).toEqual([expect.objectContaining({ id: '0', description: 'Barres : 4 affaires en Lead, 2 en Proposition' })]);
  expect(payload.content).toContain('Pipeline par étape');
};

describe('Discord charts', () => {
  it('attaches the chart to a public reply', async () => {
    answerWith([chartReply('channel')]);
    const interaction = chatInput({ guild: newGuild() }, 'pipeline', undefined, {});
    const [call] = await run(interaction, (calls) => calls.length >= 1);
    expect(call!.path).toMatch(/\/callback$/);
    expect(call!.body.type).toBe(4);
    expect((call!.body.data.flags ?? 0) & 64).toBe(0);
    expectChart(call!, call!.body.data);
  });

  it('attaches the chart to an ephemeral reply, keeping it ephemeral', async () => {
    answerWith([chartReply('private')]);
    const interaction = chatInput({ guild: newGuild() }, 'kpi', undefined, {});
    const [call] = await run(interaction, (calls) => calls.length >= 1);
    expect(call!.body.data.flags & 64).toBe(64);
    expectChart(call!, call!.body.data);
    expect(env.fake.filesFor(interaction['token'])).toHaveLength(1);
  });

  it('attaches the chart to a follow-up and to the edit of a deferred reply', async () => {
    answerWith([{ visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: 'first' }] }, chartReply('private')]);
    const follow = chatInput({ guild: newGuild() }, 'kpi', undefined, {});
    const calls = await run(follow, (c) => c.length >= 2);
    expect(calls[0]!.files).toHaveLength(0);
    expect(calls[1]!.method).toBe('POST');
    expect(calls[1]!.path).toMatch(/\/webhooks\//);
    expect(calls[1]!.body.flags & 64).toBe(64);
    expectChart(calls[1]!, calls[1]!.body);

    // Slow core: the responder defers (ephemeral) at 2 s, then edits the deferral with the chart.
    answerWith([chartReply('private')], 2300);
    const slow = chatInput({ guild: newGuild() }, 'kpi', undefined, {});
    const deferred = await run(slow, (c) => c.length >= 2);
    expect(deferred[0]!.body.type).toBe(5);
    expect(deferred[1]!.method).toBe('PATCH');
    expect(deferred[1]!.path).toMatch(/\/messages\/(@|%40)original$/);
    expectChart(deferred[1]!, deferred[1]!.body);
  });

  it('attaches the chart to a message a job posts into a channel', async () => {
    await env.adapter.send({ platform: 'discord', workspaceId: '1246372665753600001', channelId: '1246372665753600077', userId: '567318203596800001', isDM: false }, chartReply('channel'));
    const post = env.fake.calls.find((call) => call.method === 'POST' && call.path.endsWith('/channels/1246372665753600077/messages'))!;
    expectChart(post, post.body);
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
  });
});

const expectExport = (call: DiscordCall, payload: any) => {
  expect(call.files).toHaveLength(1);
  expect(call.files[0]!.name).toBe('export_Camille_Martin.json');
  expect(call.files[0]!.bytes.equals(Buffer.from(EXPORT_JSON))).toBe(true);
  // A file has no alt text; its 📄 line in the text says what it is.
  expect(payload.attachments).toEqual([{ id: '0' }]);
  expect(payload.content).toContain('📄 Données de Camille Martin');
};

describe('Discord export files', () => {
  it('attaches the file to a public reply', async () => {
    answerWith([exportReply('channel')]);
    const interaction = chatInput({ guild: newGuild() }, 'export', undefined, {});
    const [call] = await run(interaction, (calls) => calls.length >= 1);
    expect(call!.body.type).toBe(4);
    expect((call!.body.data.flags ?? 0) & 64).toBe(0);
    expectExport(call!, call!.body.data);
  });

  it('attaches the file to an ephemeral reply, keeping it ephemeral', async () => {
    answerWith([exportReply('private')]);
    const interaction = chatInput({ guild: newGuild() }, 'export', undefined, {});
    const [call] = await run(interaction, (calls) => calls.length >= 1);
    expect(call!.body.data.flags & 64).toBe(64);
    expectExport(call!, call!.body.data);
    expect(env.fake.filesFor(interaction['token'])).toHaveLength(1);
  });

  it('attaches the file to a follow-up, still ephemeral', async () => {
    answerWith([{ visibility: 'private', lang: 'en', blocks: [{ type: 'text', text: 'first' }] }, exportReply('private')]);
    const interaction = chatInput({ guild: newGuild() }, 'export', undefined, {});
    const calls = await run(interaction, (c) => c.length >= 2);
    expect(calls[1]!.path).toMatch(/\/webhooks\//);
    expect(calls[1]!.body.flags & 64).toBe(64);
    expectExport(calls[1]!, calls[1]!.body);
  });

  it('attaches the file to a message a job posts into a channel', async () => {
    const before = env.fake.calls.length;
    await env.adapter.send({ platform: 'discord', workspaceId: '1246372665753600001', channelId: '1246372665753600078', userId: '567318203596800001', isDM: false }, exportReply('channel'));
    const post = env.fake.calls.slice(before).find((call) => call.method === 'POST' && call.path.endsWith('/channels/1246372665753600078/messages'))!;
    expectExport(post, post.body);
  });

  it('leaves out a file over 8 MiB with a log and a visible line, and sends the reply without it', async () => {
    answerWith([exportReply('private', new Uint8Array(8 * 1024 * 1024 + 1))]);
    const interaction = chatInput({ guild: newGuild(), locale: 'fr' }, 'export', undefined, {});
    const [call] = await run(interaction, (calls) => calls.length >= 1);
    expect(call!.files).toHaveLength(0);
    expect(call!.body.data.flags & 64).toBe(64);
    const content = String(call!.body.data.content);
    expect(content).toContain('Export prêt');
    expect(content).toContain('Données de Camille Martin');
    expect(content).not.toContain('📄');
    // In the member's language once the catalogue has files.too_large; "⚠️ title: 8.1 MB > 8 MB" until then.
    expect(content).toContain(tooLargeLine('Données de Camille Martin', 8 * 1024 * 1024 + 1, MAX_FILE_BYTES, 'fr'));
    const log = env.logs.find((line) => line.includes('too large'));
    expect(log).toContain('"fileName":"export Camille Martin.json"');
    expect(log).toContain(`"bytes":${8 * 1024 * 1024 + 1}`);
  });
});
