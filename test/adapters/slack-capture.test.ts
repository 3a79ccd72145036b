// Slack shortcuts through the real Bolt App and the adapter's verifying receiver, against the
// local fake Slack: the message shortcut « Journaliser dans Relance » / "Log in Relance" (a
// CaptureEvent with the message's source, its form opened as a modal, the submission logged
// once), the global shortcuts « Nouvelle activité » / « Nouvelle affaire » (a command in the
// member's DM, its form opened as a modal), and malformed shortcut payloads. The first part
// records what reaches the core (a stub in its place); the second runs the real core on a
// real database.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSlackRequest } from '../../adapters/slack/slack-payloads.ts';
import { INPUT_LIMITS } from '../../src/core/limits.ts';
import type { IncomingEvent, Reply } from '../../src/core/types.ts';
import { activities, captures } from '../../src/db/schema.ts';
import type { RecordedCall, SlackFake } from '../fakes/slack-api.fake.ts';
import { mutatedPayloads } from '../support/fuzz-payloads.ts';
import { blocksText, findButton, startSlackEnvironment, type SlackEnvironment } from '../support/slack-environment.ts';
import { appHomeOpenedBody, globalShortcutBody, messageActionBody, postToSlackAdapter, sign, viewSubmissionBody, type MessageActionOptions } from '../support/slack-requests.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let env: SlackEnvironment;
let fake: SlackFake;
const events: IncomingEvent[] = [];

beforeAll(async () => {
  env = await startSlackEnvironment();
  fake = env.fake;
});

afterAll(async () => {
  await env.close();
});

beforeEach(() => {
  fake.reset();
  events.length = 0;
  env.stub = undefined;
  env.logs.length = 0;
});

let teamCounter = 0;
const newTeam = () => `T0CAPT${String(++teamCounter).padStart(3, '0')}${Date.now() % 100000}`;
const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));
const SLACK_INPUT_MAX = 3000;

/** A form reply like the core's answer to a capture: a prompt and the /log form, notes prefilled. */
const formReply = (formId: string, notes: string): Reply => ({
  visibility: 'private',
  lang: 'fr',
  blocks: [
    { type: 'text', text: 'Vérifiez et enregistrez.' },
    {
      type: 'form',
      formId,
      title: 'Journaliser',
      submitLabel: 'Enregistrer',
      fields: [
        { name: 'type', label: 'Type', kind: 'select', required: true, initial: 'call', choices: [{ label: 'Appel', value: 'call' }, { label: 'Note', value: 'note' }] },
        { name: 'notes', label: 'Notes', kind: 'textarea', required: false, initial: notes },
      ],
    },
  ],
});

/** The core replaced by a recorder that answers every event with a form. */
function record(): void {
  env.stub = async (event, respond) => {
    events.push(event);
    await respond(formReply(event.kind === 'capture' ? 'capture:abc123' : `command:${event.kind === 'command' ? event.name : 'x'}`, event.kind === 'capture' ? event.text : ''));
  };
}

async function post(body: string): Promise<number> {
  return (await postToSlackAdapter(env.port, body)).status;
}

/** Uses the message shortcut on a message; resolves with the modal opened (views.open call). */
async function shortcut(options: MessageActionOptions): Promise<RecordedCall> {
  const opened = fake.callsTo('views.open').length;
  expect(await post(messageActionBody(options))).toBe(200);
  await fake.waitFor(() => fake.callsTo('views.open').length > opened);
  return fake.callsTo('views.open').at(-1)!;
}

type View = { callback_id: string; private_metadata: string; blocks: Array<{ block_id: string; element: Record<string, any> }> };
const viewOf = (call: RecordedCall): View => call.body['view'] as View;
const input = (view: View, name: string): Record<string, any> | undefined => view.blocks.find((block) => block.block_id === name)?.element;

describe('Slack message shortcut: what reaches the core', () => {
  it('acknowledges at once and hands the core the message text and its source, then opens the form as a modal', async () => {
    record();
    const open = await shortcut({ text: 'Appel avec <https://acme.fr|Acme> &amp; co : démo jeudi', author: 'U0HUGO0002', ts: '1773134800.000300' });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      kind: 'capture',
      // Slack markup read back into plain text: the link's URL, the entity's character.
      text: 'Appel avec https://acme.fr & co : démo jeudi',
      source: {
        url: 'https://fake.slack.com/archives/C0VENTES01/p1773134800000300',
        authorId: 'U0HUGO0002',
        // users.info's display name (the fake gives the id).
        authorName: 'U0HUGO0002',
        channelId: 'C0VENTES01',
        channelName: 'ventes',
      },
      ref: { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'C0VENTES01', userId: 'U0CAMILLE1', isDM: false },
      actor: { id: 'U0CAMILLE1' },
    });
    expect(event!.idempotencyKey).toMatch(/^slack:capture:8630000000\d+\.1111111111\.shortcut\d+$/);
    expect(fake.callsTo('chat.getPermalink')[0]!.body).toMatchObject({ channel: 'C0VENTES01', message_ts: '1773134800.000300' });
    // The modal: the core's form, opened with the payload's trigger, its answer going back to the channel.
    expect(open.body['trigger_id']).toBe(String(event!.idempotencyKey).replace('slack:capture:', ''));
    const view = viewOf(open);
    expect(view.callback_id).toBe('capture:abc123');
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C0VENTES01' });
    expect(input(view, 'notes')?.['initial_value']).toBe('Appel avec https://acme.fr & co : démo jeudi');
    expect(input(view, 'type')?.['initial_option']?.value).toBe('call');
  });

  it('routes the French shortcut (log_message_fr) the same way, and keeps the thread of a thread reply', async () => {
    record();
    const open = await shortcut({ text: 'rdv fixé', callbackId: 'log_message_fr', threadTs: '1773134000.000100' });
    expect(events[0]).toMatchObject({ kind: 'capture', text: 'rdv fixé', ref: { channelId: 'C0VENTES01', threadId: '1773134000.000100' } });
    expect(JSON.parse(viewOf(open).private_metadata)).toEqual({ channelId: 'C0VENTES01', threadId: '1773134000.000100' });
  });

  it('captures a bot’s message (no author id) under the name Slack shows', async () => {
    record();
    await shortcut({ text: 'Nouveau lead : Globex', author: null });
    const event = events[0] as Extract<IncomingEvent, { kind: 'capture' }>;
    expect(event.source.authorId).toBeUndefined();
    expect(event.source.authorName).toBe('Zapier');
  });

  it('still opens the modal for a message in a channel the bot is not in: no permalink (one warning), the answer goes to the DM', async () => {
    record();
    fake.notInChannel('C0PRIVE001');
    const open = await shortcut({ text: 'Prix validé par le DAF', channel: 'C0PRIVE001', channelName: 'privategroup' });
    const event = events[0] as Extract<IncomingEvent, { kind: 'capture' }>;
    // No link, and Slack's placeholder name is no channel name.
    expect(event.source).toEqual({ authorId: 'U0HUGO0002', authorName: 'U0HUGO0002', channelId: 'C0PRIVE001' });
    expect(env.logs.filter((line) => line.includes('no permalink'))).toHaveLength(1);
    expect(JSON.parse(viewOf(open).private_metadata)).toEqual({ channelId: 'C0PRIVE001', dm: true });

    // The submission is answered in the member's DM, not in the channel the bot cannot see.
    env.stub = async (event, respond) => {
      events.push(event);
      await respond({ visibility: 'private', lang: 'fr', blocks: [{ type: 'text', text: '✅ Note enregistrée.' }] });
    };
    const submit = viewSubmissionBody({ callbackId: 'capture:abc123', privateMetadata: viewOf(open).private_metadata, values: { notes: { value: { type: 'plain_text_input', value: 'Prix validé par le DAF' } } } });
    expect(await post(submit)).toBe(200);
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    expect(events[1]).toMatchObject({ kind: 'submission', formId: 'capture:abc123', values: { notes: 'Prix validé par le DAF' }, ref: { channelId: 'D00CAMILLE', isDM: true } });
    expect(fake.callsTo('chat.postMessage')[0]!.body['channel']).toBe('D00CAMILLE');
    expect(fake.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('says in the conversation what the core answers when there is no form to open', async () => {
    env.stub = async (event, respond) => {
      events.push(event);
      await respond({ visibility: 'private', lang: 'fr', blocks: [{ type: 'text', text: 'Vous n’êtes pas membre de cet espace.' }] });
    };
    const responseUrl = fake.responseUrl();
    expect(await post(messageActionBody({ text: 'x', responseUrl }))).toBe(200);
    await fake.waitFor(() => env.responsesTo(responseUrl).length === 1);
    expect(env.responsesTo(responseUrl)[0]!.body['response_type']).toBe('ephemeral');
    expect(fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('Slack global shortcuts', () => {
  it.each([
    ['new_activity', 'log', ''],
    ['new_activity_fr', 'log', ''],
    ['new_deal', 'deal', 'new'],
    ['new_deal_fr', 'deal', 'new'],
  ])('%s runs /%s %s in the member’s DM and opens its form as a modal', async (callbackId, name, text) => {
    record();
    const opened = fake.callsTo('views.open').length;
    expect(await post(globalShortcutBody({ callbackId }))).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length > opened);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'command', name, text, ref: { platform: 'slack', workspaceId: 'T0ACMEFR01', channelId: 'D00CAMILLE', userId: 'U0CAMILLE1', isDM: true } });
    expect(events[0]!.idempotencyKey).toMatch(/^slack:shortcut:/);
    expect(JSON.parse(viewOf(fake.callsTo('views.open').at(-1)!).private_metadata)).toEqual({ channelId: 'D00CAMILLE' });
  });

  it('acknowledges an unknown shortcut and hands nothing to the core', async () => {
    record();
    expect(await post(globalShortcutBody({ callbackId: 'something_else' }))).toBe(200);
    expect(await post(messageActionBody({ text: 'x', callbackId: 'other_message_shortcut' }))).toBe(200);
    await settle();
    expect(events).toHaveLength(0);
  });
});

describe('Slack shortcut payload checks', () => {
  const payloadOf = (body: string): Record<string, any> => JSON.parse(new URLSearchParams(body).get('payload')!) as Record<string, any>;
  const form = (payload: unknown): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

  it('passes the fixtures through with the fields the listeners read', () => {
    const action = readSlackRequest(payloadOf(messageActionBody({ text: 'Appel avec Acme', ts: '1773134800.000300' })));
    expect(action).toMatchObject({ kind: 'process', what: 'message_action', body: { callback_id: 'log_message', channel: { id: 'C0VENTES01', name: 'ventes' }, message: { ts: '1773134800.000300', user: 'U0HUGO0002', text: 'Appel avec Acme' } } });
    // The message's blocks are not read (its text is what is logged).
    if (action.kind === 'process') expect(Object.keys(action.body['message'] as object)).not.toContain('blocks');
    expect(readSlackRequest(payloadOf(globalShortcutBody({ callbackId: 'new_deal' })))).toMatchObject({ kind: 'process', what: 'shortcut', body: { callback_id: 'new_deal', user: { id: 'U0CAMILLE1' } } });
  });

  it('refuses malformed shortcuts with 400 and one log line, never reaching the core', async () => {
    record();
    const action = payloadOf(messageActionBody({ text: 'x' }));
    const global = payloadOf(globalShortcutBody({ callbackId: 'new_activity' }));
    const cases = [
      { ...action, channel: undefined },
      { ...action, message: { ...action['message'], ts: undefined } },
      { ...action, message: { ...action['message'], text: 'x'.repeat(50_000) } },
      { ...action, trigger_id: 42 },
      { ...action, user: { name: 'no id' } },
      { ...global, callback_id: 'x'.repeat(300) },
      { ...global, trigger_id: undefined },
      { ...global, user: null },
    ];
    for (const payload of cases) {
      env.logs.length = 0;
      expect(await post(form(payload)), JSON.stringify(payload).slice(0, 200)).toBe(400);
      expect(env.logs.filter((line) => line.includes('malformed request refused'))).toHaveLength(1);
    }
    await settle();
    expect(events).toHaveLength(0);
    expect(fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('Slack shortcut and home payloads, mutated (fixed seed)', () => {
  it('answers every one 200 or 400, never 5xx, with no error logged and nothing unhandled', async () => {
    record();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const payload = (body: string) => JSON.parse(new URLSearchParams(body).get('payload')!) as Record<string, unknown>;
      const cases = [
        ...mutatedPayloads(payload(messageActionBody({ text: 'Appel avec Acme <!channel>' })), 60, 18).map((p) => ({ body: new URLSearchParams({ payload: JSON.stringify(p) ?? 'null' }).toString(), type: 'application/x-www-form-urlencoded' })),
        ...mutatedPayloads(payload(globalShortcutBody({ callbackId: 'new_deal' })), 40, 19).map((p) => ({ body: new URLSearchParams({ payload: JSON.stringify(p) ?? 'null' }).toString(), type: 'application/x-www-form-urlencoded' })),
        ...mutatedPayloads(JSON.parse(appHomeOpenedBody()) as Record<string, unknown>, 40, 20).map((p) => ({ body: JSON.stringify(p) ?? 'null', type: 'application/json' })),
      ];
      const statuses: number[] = [];
      for (let i = 0; i < cases.length; i += 6) {
        statuses.push(...(await Promise.all(cases.slice(i, i + 6).map(async (c) => (await postToSlackAdapter(env.port, c.body, { ...sign(c.body), 'content-type': c.type })).status))));
      }
      await settle(1_000);
      expect(statuses.filter((status) => ![200, 400, 413].includes(status))).toEqual([]);
      expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(cases.length / 3);
      expect(env.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50).map((line) => line.slice(0, 300))).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('Slack message shortcut with the real core', () => {
  const workspaceId = (team: string): Promise<number> => workspaceIdOf(env.database, { platform: 'slack', workspaceId: team });
  const activitiesOf = async (team: string) => env.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceId(team)));

  /** A workspace where Acme Corp exists (a deal on it), so the message's « Acme » is a known name. */
  async function withAcme(): Promise<string> {
    const team = newTeam();
    const created = await env.slash(team, '/deal', 'new "Acme renewal" "Acme Corp" 30k');
    await env.click(team, findButton(created.last(), 'Acme Corp'));
    fake.reset();
    return team;
  }

  /** Submits a modal as Slack would, with the values the member leaves or types. */
  async function submit(team: string, open: RecordedCall, values: Record<string, string>, viewId = 'V0CAPTURE1'): Promise<void> {
    const view = viewOf(open);
    const state: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      const element = input(view, name);
      state[name] = { value: element?.['type'] === 'static_select' ? { type: 'static_select', selected_option: { value } } : { type: 'plain_text_input', value } };
    }
    expect(await post(viewSubmissionBody({ callbackId: view.callback_id, privateMetadata: view.private_metadata, team, viewId, values: state }))).toBe(200);
  }

  /** The values a member submits when they change nothing in the modal. */
  function initialValues(open: RecordedCall): Record<string, string> {
    const values: Record<string, string> = {};
    for (const block of viewOf(open).blocks) {
      const value = block.element['initial_value'] ?? block.element['initial_option']?.value ?? block.element['initial_date'];
      if (typeof value === 'string' && value !== '') values[block.block_id] = value;
    }
    return values;
  }

  it('opens the /log form prefilled from the message: the text as notes, the type and the record read from it', async () => {
    const team = await withAcme();
    const text = 'call with Acme, they want a demo Thursday';
    const open = await shortcut({ team, text });
    const view = viewOf(open);
    expect(view.callback_id).toMatch(/^capture:/);
    expect(input(view, 'notes')?.['initial_value']).toBe(text);
    expect(input(view, 'type')?.['initial_option']?.value).toBe('call');
    // The record: whichever field the core fills (the company here, or the deal, or the free target).
    const record = ['target', 'company', 'deal'].map((name) => input(view, name)?.['initial_value']).filter(Boolean);
    expect(record.join(' ')).toMatch(/Acme/);
  });

  it('logs the activity once with the message’s permalink, even when Slack delivers the submission twice', async () => {
    const team = await withAcme();
    const open = await shortcut({ team, text: 'call with Acme, they want a demo Thursday', ts: '1773134801.000400' });
    const values = initialValues(open);
    // Same view id and hash twice: Slack's redelivery of one submission.
    await submit(team, open, values);
    await submit(team, open, values);
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral').length + fake.callsTo('chat.postMessage').length >= 1);
    await settle(400);
    const rows = await activitiesOf(team);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'call', notes: 'call with Acme, they want a demo Thursday', sourceUrl: fake.permalink('C0VENTES01', '1773134801.000400') });
    // The answer goes to the channel the message is in.
    const answers = [...fake.callsTo('chat.postEphemeral'), ...fake.callsTo('chat.postMessage')];
    expect(new Set(answers.map((call) => call.body['channel']))).toEqual(new Set(['C0VENTES01']));
  });

  it('logs a message from a channel the bot is not in, without a link (Slack gives no permalink), answering in the DM', async () => {
    const team = await withAcme();
    fake.notInChannel('C0PRIVE001');
    const open = await shortcut({ team, text: 'call with Acme, budget confirmed', channel: 'C0PRIVE001', channelName: 'privategroup' });
    // The modal opens all the same.
    expect(viewOf(open).callback_id).toMatch(/^capture:/);
    await submit(team, open, { ...initialValues(open), type: 'call', company: 'Acme Corp' });
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length >= 1);
    const rows = await activitiesOf(team);
    expect(rows).toHaveLength(1);
    // No permalink: the activity is still logged, with no source link.
    expect(rows[0]!.sourceUrl).toBeNull();
    expect(fake.callsTo('chat.postMessage')[0]!.body['channel']).toBe('D00CAMILLE');
  });

  it('cuts a very long message to the notes limit while keeping the permalink whole', async () => {
    const team = await withAcme();
    const long = `Email from Acme Corp: ${'budget validé, '.repeat(600)}`.slice(0, 8000);
    expect(long).toHaveLength(8000);
    const ts = '1773134802.000500';
    const open = await shortcut({ team, text: long, ts });
    const notes = String(input(viewOf(open), 'notes')?.['initial_value']);
    // The core cuts to INPUT_LIMITS.notes; a Slack text input holds 3,000 characters at most.
    expect(notes.length).toBeLessThanOrEqual(Math.min(INPUT_LIMITS.notes, SLACK_INPUT_MAX));
    expect(notes.length).toBeGreaterThan(2000);
    expect(long.startsWith(notes.replace(/…$/, ''))).toBe(true);
    const [held] = await env.database.db.select().from(captures).where(eq(captures.workspaceId, await workspaceId(team)));
    expect(held!.sourceUrl).toBe(fake.permalink('C0VENTES01', ts));
    await submit(team, open, { type: 'email', company: 'Acme Corp', notes });
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral').length + fake.callsTo('chat.postMessage').length >= 1);
    const [row] = await activitiesOf(team);
    expect(row!.sourceUrl).toBe(fake.permalink('C0VENTES01', ts));
  });

  it.each([
    ['new_activity_fr', 'command:log'],
    ['new_deal', 'command:deal new'],
  ])('opens the form of the command a global shortcut runs (%s → %s), answered in the DM', async (callbackId, formId) => {
    const team = await withAcme();
    expect(await post(globalShortcutBody({ team, callbackId }))).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    const view = viewOf(fake.callsTo('views.open')[0]!);
    expect(view.callback_id).toBe(formId);
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'D00CAMILLE' });
    if (formId === 'command:log') {
      await submit(team, fake.callsTo('views.open')[0]!, { type: 'call', company: 'Acme Corp', notes: 'Called from the shortcut' });
      await fake.waitFor(() => fake.callsTo('chat.postMessage').length >= 1);
      expect(fake.callsTo('chat.postMessage')[0]!.body['channel']).toBe('D00CAMILLE');
      expect(await activitiesOf(team)).toEqual([expect.objectContaining({ type: 'call', notes: 'Called from the shortcut', sourceUrl: null })]);
    }
  });

  it('shows hostile text inert in the modal and pings nobody when it is logged', async () => {
    const team = await withAcme();
    // As Slack sends it: a real @channel, a real mention, bold markup.
    const open = await shortcut({ team, text: 'note for Acme <!channel> <@U0HUGO0002> *bold* &lt;!here&gt;' });
    const view = viewOf(open);
    const notes = String(input(view, 'notes')?.['initial_value']);
    // Plain text in a plain-text input: the broadcast is the words @channel, not Slack's markup.
    expect(notes).toBe('note for Acme @channel <@U0HUGO0002> *bold* <!here>');
    expect(JSON.stringify(view)).not.toContain('<!channel>');
    expect(JSON.stringify(view)).not.toMatch(/"type":"mrkdwn"/);
    await submit(team, open, { type: 'note', company: 'Acme Corp', notes });
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral').length + fake.callsTo('chat.postMessage').length >= 1);
    const answers = blocksText(fake.callsTo('chat.postEphemeral')[0] ?? fake.callsTo('chat.postMessage')[0]);
    for (const markup of ['<!channel>', '<!here>', '<@U0HUGO0002>']) expect(answers).not.toContain(markup);
  });
});
