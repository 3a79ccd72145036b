// Charts and export files through the real Bolt App against the fake Slack: uploaded with
// files.uploadV2 into the conversation for channel replies, into the member's DM for private
// ones (ephemeral messages cannot carry files), and never at the cost of the text when the
// upload fails.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationRef, Reply } from '../../src/core/types.ts';
import { EXPORT_CSV, EXPORT_JSON, exportBlock, exportReply } from '../fakes/export-file.ts';
import { chartReply, PNG_SIGNATURE, TINY_PNG } from '../fakes/tiny-png.ts';
import { blocksText, startSlackEnvironment, type SlackEnvironment } from '../support/slack-environment.ts';

// The note about a chart or file sent by DM comes from the catalogue (keys charts.sent_to_dm and
// files.sent_to_dm); stand-in texts make these tests independent of their wording and of when
// the keys land. `catalogue.fileKey` says whether files.sent_to_dm exists.
const catalogue = vi.hoisted(() => ({ fileKey: true }));
vi.mock('../../src/core/i18n/i18n.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/i18n/i18n.ts')>();
  return {
    ...actual,
    hasMessage: (key: string) => (key === 'files.sent_to_dm' ? catalogue.fileKey : key === 'charts.sent_to_dm' || actual.hasMessage(key)),
    translate: (lang: 'fr' | 'en', key: string, params?: Record<string, string | number>) =>
      key === 'charts.sent_to_dm' ? `[${lang}] chart in your DMs` : key === 'files.sent_to_dm' ? `[${lang}] file in your DMs` : actual.translate(lang, key, params),
  };
});

let env: SlackEnvironment;

beforeAll(async () => {
  env = await startSlackEnvironment();
});
afterAll(async () => {
  await env.close();
});
beforeEach(() => {
  env.fake.reset();
  env.stub = undefined;
  env.logs.length = 0;
  catalogue.fileKey = true;
});

/** Makes every event answered with `reply`, as /pipeline will once it draws its chart. */
const answerWith = (reply: Reply) => {
  env.stub = async (_event, respond) => respond(reply);
};

let teams = 0;
const newTeam = () => `T0IMG${String(++teams).padStart(4, '0')}${Date.now() % 100000}`;
const until = (predicate: () => boolean) => env.fake.waitFor(predicate);

describe('Slack charts', () => {
  it('uploads the chart into the channel after a channel reply, with its bytes, title and alt text', async () => {
    answerWith(chartReply('channel'));
    const { last } = await env.slash(newTeam(), '/pipeline', '');
    await until(() => env.fake.uploads.length === 1);
    // The text keeps a line naming the chart (screen readers, search).
    expect(last()!.body['response_type']).toBe('in_channel');
    expect(blocksText(last())).toContain('Pipeline par étape');
    const [upload] = env.fake.uploads;
    expect(upload).toMatchObject({
      channel: 'C0VENTES01',
      thread: undefined,
      filename: 'pipeline-by-stage.png',
      title: 'Pipeline par étape',
      alt: 'Barres : 4 affaires en Lead, 2 en Proposition',
      length: TINY_PNG.byteLength,
    });
    expect(upload!.bytes.equals(Buffer.from(TINY_PNG))).toBe(true);
    expect(upload!.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // The three steps of files.uploadV2, in order.
    const steps = env.fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'upload');
    expect(steps).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    // The Node SDK posts the bytes as multipart/form-data.
    expect(env.fake.callsTo('upload')[0]!.body['multipart']).toBe(true);
  });

  it('sends a private reply as an ephemeral and the chart to the member’s DM, saying so', async () => {
    answerWith(chartReply('private'));
    const { last } = await env.slash(newTeam(), '/kpi', '');
    expect(last()!.body['response_type']).toBe('ephemeral');
    expect(env.fake.callsTo('conversations.open')[0]!.body['users']).toBe('U0CAMILLE1');
    expect(env.fake.uploads).toHaveLength(1);
    const [upload] = env.fake.uploads;
    expect(upload!.channel).toMatch(/^D0/);
    expect(upload!.bytes.equals(Buffer.from(TINY_PNG))).toBe(true);
    // Nothing went into the channel itself.
    expect(env.fake.uploads.some((u) => u.channel === 'C0VENTES01')).toBe(false);
    const text = blocksText(last());
    expect(text).toContain('Pipeline par étape');
    // In the reply's language (French here).
    expect(text).toContain('[fr] chart in your DMs');
  });

  it('words the DM note in the reply’s language', async () => {
    env.fake.setUser('U0ANNA0001', { name: 'anna', locale: 'en-GB' });
    answerWith({ ...chartReply('private'), lang: 'en' });
    const { last } = await env.slash(newTeam(), '/kpi', '', { user: 'U0ANNA0001' });
    expect(blocksText(last())).toContain('[en] chart in your DMs');
  });

  it('puts the chart of a private reply in the bot’s own DM without a note when the command came from there', async () => {
    answerWith(chartReply('private'));
    // The fake opens D00CAMILLE for U0CAMILLE1: the command is typed in that very DM.
    const { last } = await env.slash(newTeam(), '/kpi', '', { channel: 'D00CAMILLE' });
    expect(env.fake.uploads.map((u) => u.channel)).toEqual(['D00CAMILLE']);
    expect(blocksText(last())).not.toContain('chart in your DMs');
  });

  it('still delivers the text when the upload fails (files:write not granted)', async () => {
    answerWith(chartReply('channel'));
    env.fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    const { last } = await env.slash(newTeam(), '/pipeline', '');
    expect(blocksText(last())).toContain('Pipeline — équipe Ouest');
    await until(() => env.logs.some((line) => line.includes('file upload failed')));
    expect(env.fake.uploads).toHaveLength(0);
    expect(env.logs.find((line) => line.includes('file upload failed'))).toContain('missing_scope');
  });

  it('still delivers a private reply, without the DM note, when the DM upload fails', async () => {
    answerWith(chartReply('private'));
    env.fake.failNext('files.completeUploadExternal', { error: 'not_allowed_token_type' });
    const { last } = await env.slash(newTeam(), '/kpi', '');
    const text = blocksText(last());
    expect(text).toContain('Pipeline — équipe Ouest');
    expect(text).not.toContain('chart in your DMs');
    expect(env.fake.uploads).toHaveLength(0);
  });

  it('posts a job’s chart into the thread it belongs to, and a private one to the DM', async () => {
    const ref: ConversationRef = { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0VENTES01', threadId: '1773134000.000100', userId: 'U0CAMILLE1', isDM: false };
    await env.adapter.send(ref, chartReply('channel'));
    expect(env.fake.callsTo('chat.postMessage')[0]!.body['thread_ts']).toBe('1773134000.000100');
    expect(env.fake.uploads[0]).toMatchObject({ channel: 'C0VENTES01', thread: '1773134000.000100' });

    env.fake.reset();
    await env.adapter.send(ref, chartReply('private'));
    expect(env.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(blocksText(env.fake.callsTo('chat.postEphemeral')[0])).toContain('[fr] chart in your DMs');
    expect(env.fake.uploads).toHaveLength(1);
    expect(env.fake.uploads[0]!.channel).toMatch(/^D0/);
    expect(env.fake.uploads[0]!.bytes.equals(Buffer.from(TINY_PNG))).toBe(true);
  });

  it('fake Slack: accepts raw bytes at the upload URL too (Slack takes raw or multipart)', async () => {
    const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const got = (await (await fetch(`${env.fake.apiUrl}files.getUploadURLExternal`, form({ filename: 'raw.png', length: String(TINY_PNG.byteLength), alt_txt: 'raw alt' }))).json()) as { upload_url: string; file_id: string };
    expect((await fetch(got.upload_url, { method: 'POST', body: Buffer.from(TINY_PNG) })).status).toBe(200);
    await fetch(`${env.fake.apiUrl}files.completeUploadExternal`, form({ files: JSON.stringify([{ id: got.file_id, title: 'Raw' }]), channel_id: 'C0RAW00001' }));
    expect(env.fake.uploads).toEqual([expect.objectContaining({ filename: 'raw.png', alt: 'raw alt', title: 'Raw', channel: 'C0RAW00001' })]);
    expect(env.fake.uploads[0]!.bytes.equals(Buffer.from(TINY_PNG))).toBe(true);
    expect(env.fake.callsTo('upload')[0]!.body['multipart']).toBe(false);
  });

  it('shares several charts of one reply in one message', async () => {
    const reply: Reply = {
      visibility: 'channel', lang: 'en',
      blocks: [
        { type: 'image', png: TINY_PNG, fileName: 'a.png', alt: 'first' },
        { type: 'image', png: TINY_PNG, fileName: '../../etc/b c.png', alt: 'second', title: 'Second' },
      ],
    };
    await env.adapter.send({ platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0VENTES01', userId: 'U0CAMILLE1', isDM: false }, reply);
    expect(env.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(env.fake.uploads.map((u) => [u.filename, u.title])).toEqual([
      ['a.png', 'first'],
      ['b-c.png', 'Second'],
    ]);
  });
});

describe('Slack export files', () => {
  const SLACK_NAME = 'export-Camille-Martin.json';

  it('uploads the file into the channel after a channel reply, with its name, title and bytes, and no alt text', async () => {
    answerWith(exportReply('channel'));
    const { last } = await env.slash(newTeam(), '/export', '');
    await until(() => env.fake.uploads.length === 1);
    expect(last()!.body['response_type']).toBe('in_channel');
    // A context line says what the file is (Slack shows it as a download, not a picture).
    expect(blocksText(last())).toContain('📄 Données de Camille Martin');
    const [upload] = env.fake.uploads;
    expect(upload).toMatchObject({ channel: 'C0VENTES01', thread: undefined, filename: SLACK_NAME, title: 'Données de Camille Martin', alt: undefined, length: EXPORT_JSON.byteLength });
    expect(upload!.bytes.equals(Buffer.from(EXPORT_JSON))).toBe(true);
    const steps = env.fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'upload');
    expect(steps).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
  });

  it('sends a private reply as an ephemeral and the file to the member’s DM, saying so', async () => {
    answerWith(exportReply('private'));
    const { last } = await env.slash(newTeam(), '/export', '');
    expect(last()!.body['response_type']).toBe('ephemeral');
    expect(env.fake.callsTo('conversations.open')[0]!.body['users']).toBe('U0CAMILLE1');
    expect(env.fake.uploads).toHaveLength(1);
    const [upload] = env.fake.uploads;
    expect(upload!.channel).toMatch(/^D0/);
    expect(upload!.filename).toBe(SLACK_NAME);
    expect(upload!.bytes.equals(Buffer.from(EXPORT_JSON))).toBe(true);
    // Personal data never goes into the channel.
    expect(env.fake.uploads.some((u) => u.channel === 'C0VENTES01')).toBe(false);
    const text = blocksText(last());
    expect(text).toContain('📄 Données de Camille Martin');
    expect(text).toContain('[fr] file in your DMs');
    expect(text).not.toContain('chart in your DMs');
  });

  it('uses the chart note for a file while the catalogue has no files.sent_to_dm', async () => {
    catalogue.fileKey = false;
    env.fake.setUser('U0ANNA0001', { name: 'anna', locale: 'en-GB' });
    answerWith({ ...exportReply('private'), lang: 'en' });
    const { last } = await env.slash(newTeam(), '/export', '', { user: 'U0ANNA0001' });
    expect(blocksText(last())).toContain('[en] chart in your DMs');
  });

  it('still delivers a private reply, without the DM note, when the DM upload fails', async () => {
    answerWith(exportReply('private'));
    env.fake.failNext('files.completeUploadExternal', { error: 'not_allowed_token_type' });
    const { last } = await env.slash(newTeam(), '/export', '');
    const text = blocksText(last());
    expect(text).toContain('Export prêt');
    expect(text).not.toContain('in your DMs');
    expect(env.fake.uploads).toHaveLength(0);
    expect(env.logs.some((line) => line.includes('file upload failed'))).toBe(true);
  });

  it('posts a job’s file into the thread it belongs to, and a private one to the DM', async () => {
    const ref: ConversationRef = { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0VENTES01', threadId: '1773134000.000100', userId: 'U0CAMILLE1', isDM: false };
    await env.adapter.send(ref, exportReply('channel'));
    expect(env.fake.uploads[0]).toMatchObject({ channel: 'C0VENTES01', thread: '1773134000.000100', filename: SLACK_NAME });

    env.fake.reset();
    await env.adapter.send(ref, exportReply('private'));
    expect(env.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(blocksText(env.fake.callsTo('chat.postEphemeral')[0])).toContain('[fr] file in your DMs');
    expect(env.fake.uploads).toHaveLength(1);
    expect(env.fake.uploads[0]!.channel).toMatch(/^D0/);
    expect(env.fake.uploads[0]!.bytes.equals(Buffer.from(EXPORT_JSON))).toBe(true);
  });

  it('shares charts and files of one reply in one message, alt text on the chart only, names typed by their MIME type', async () => {
    const reply: Reply = {
      visibility: 'channel', lang: 'en',
      blocks: [
        { type: 'image', png: TINY_PNG, fileName: 'pipeline.png', alt: 'Bars', title: 'Pipeline' },
        exportBlock(),
        // No extension in the name: the MIME type gives it. A misleading one stays part of the name.
        { type: 'file', bytes: EXPORT_CSV, fileName: 'deals', mimeType: 'text/csv; charset=utf-8', title: 'Deals' },
        { type: 'file', bytes: EXPORT_CSV, fileName: '../x.html', mimeType: 'text/csv', title: '' },
      ],
    };
    await env.adapter.send({ platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0VENTES01', userId: 'U0CAMILLE1', isDM: false }, reply);
    expect(env.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(env.fake.uploads.map((u) => [u.filename, u.title, u.alt])).toEqual([
      ['pipeline.png', 'Pipeline', 'Bars'],
      [SLACK_NAME, 'Données de Camille Martin', undefined],
      ['deals.csv', 'Deals', undefined],
      ['x.html.csv', 'x.html', undefined],
    ]);
    expect(env.fake.uploads[2]!.bytes.equals(Buffer.from(EXPORT_CSV))).toBe(true);
  });
});
