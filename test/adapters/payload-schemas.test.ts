// The boundary checks on their own: every real-shaped fixture passes (so valid payloads reach
// the listeners as before), Slack's worked signature example verifies, and malformed payloads
// are refused with a few short problems, whatever their size.
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseQuery } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../adapters/discord/discord-message-payloads.ts';
import { checkInteraction } from '../../adapters/discord/discord-payloads.ts';
import { readSlackRequest } from '../../adapters/slack/slack-payloads.ts';
import { signatureProblem } from '../../adapters/slack/slack-receiver.ts';

const load = (path: string): Record<string, any> => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as Record<string, any>;
const withoutNotes = (data: Record<string, any>) => Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('_')));

describe('Slack signature check', () => {
  it('verifies Slack’s worked example and the fixture’s signed request, by the given clock', () => {
    const vector = load('slack/slash-command.json')['_doc_test_vector'];
    const headers = { 'x-slack-request-timestamp': vector.timestamp, 'x-slack-signature': vector.expected_signature };
    const at = Number(vector.timestamp) * 1000;
    expect(signatureProblem(headers, Buffer.from(vector.raw_body), vector.signing_secret, at)).toBeUndefined();
    expect(signatureProblem(headers, Buffer.from(vector.raw_body), vector.signing_secret, at + 300_000)).toBeUndefined();
    expect(signatureProblem(headers, Buffer.from(vector.raw_body), vector.signing_secret, at - 300_000)).toBeUndefined();
    expect(signatureProblem(headers, Buffer.from(vector.raw_body), vector.signing_secret, at + 301_000)).toMatch(/5 minutes/);
    // The request is dated 301 s after the clock: refused too.
    expect(signatureProblem(headers, Buffer.from(vector.raw_body), vector.signing_secret, at - 301_000)).toMatch(/5 minutes/);
    expect(signatureProblem(headers, Buffer.from(`${vector.raw_body} `), vector.signing_secret, at)).toBe('signature mismatch');

    const fixture = load('slack/slash-command.json');
    const signed = { 'x-slack-request-timestamp': fixture['_headers']['X-Slack-Request-Timestamp'], 'x-slack-signature': fixture['_headers']['X-Slack-Signature'] };
    expect(signatureProblem(signed, Buffer.from(fixture['_raw_body']), fixture['_signing_secret_for_tests'], 1_773_134_100_000)).toBeUndefined();
  });
});

describe('Slack payloads', () => {
  it('passes the fixtures through with the fields the listeners read', () => {
    const slash = readSlackRequest(withoutNotes(load('slack/slash-command.json')));
    expect(slash).toMatchObject({ kind: 'process', what: 'command', body: { command: '/deal', user_id: 'U0CAMILLE1', text: 'nouveau Dupont SA 45000 échéance 30/04' } });
    const enterprise = readSlackRequest({ ...withoutNotes(load('slack/slash-command.json')), enterprise_id: 'E0ACMEORG1', enterprise_name: 'Acme Groupe', is_enterprise_install: 'true' });
    expect(enterprise).toMatchObject({ kind: 'process', body: { enterprise_id: 'E0ACMEORG1', is_enterprise_install: 'true' } });
    const action = readSlackRequest(withoutNotes(load('slack/block-actions.json')));
    expect(action).toMatchObject({ kind: 'process', what: 'block_actions', body: { actions: [{ action_id: 'deal_mark_won', value: 'DEAL-2026-0042', action_ts: '1773134412.482913' }], channel: { id: 'C0VENTES01' } } });
    const view = readSlackRequest(withoutNotes(load('slack/view-submission.json')));
    expect(view).toMatchObject({
      kind: 'process',
      what: 'view_submission',
      body: { view: { callback_id: 'deal_create_modal', app_installed_team_id: 'T0ACMEFR01', state: { values: { deal_stage: { deal_stage_select: { selected_option: { value: 'proposal' } } }, close_date: { close_date_picker: { selected_date: '2026-04-30' } } } } } },
    });
    const mention = readSlackRequest(withoutNotes(load('slack/event-app-mention.json')));
    expect(mention).toMatchObject({ kind: 'process', what: 'app_mention', body: { team_id: 'T0ACMEFR01', event: { type: 'app_mention', user: 'U0HUGO0002', channel: 'C0VENTES01', ts: '1773134741.512339' } } });
    // Only the declared fields reach Bolt (the rich-text blocks repeat the text).
    if (mention.kind === 'process') expect(Object.keys(mention.body['event'] as object)).not.toContain('blocks');
    expect(readSlackRequest({ ...withoutNotes(load('slack/event-app-mention.json')), event: { type: 'reaction_added', user: 'U0HUGO0002' } })).toEqual({ kind: 'ignored', what: 'event reaction_added' });
    expect(readSlackRequest(withoutNotes(load('slack/block-suggestion.json')))).toEqual({ kind: 'ignored', what: 'block_suggestion' });
    expect(readSlackRequest(load('slack/event-app-mention.json')['_url_verification'])).toMatchObject({ kind: 'url_verification' });
  });

  it('refuses malformed bodies with at most three short problems', () => {
    const slash = withoutNotes(load('slack/slash-command.json'));
    const huge = 'U'.repeat(100_000);
    const cases: unknown[] = [null, [], 'x', 1, {}, { type: 7 }, { ...slash, user_id: undefined }, { ...slash, response_url: ['a', 'b'] }, { ...slash, [huge]: 1, team_id: huge }];
    for (const body of cases) {
      const request = readSlackRequest(JSON.parse(JSON.stringify(body) ?? 'null'));
      expect(request.kind).toBe('malformed');
      if (request.kind !== 'malformed') continue;
      expect(request.problems.length).toBeGreaterThan(0);
      expect(request.problems.length).toBeLessThanOrEqual(3);
      expect(JSON.stringify(request).length).toBeLessThan(1_000);
    }
  });

  it('hands Bolt only the declared fields', () => {
    // JSON text with its own "__proto__" key, as a sender could write it.
    const text = JSON.stringify(withoutNotes(load('slack/block-actions.json'))).replace(/^\{/, '{"__proto__":{"polluted":true},"function_data":{"execution_id":"x"},');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(parsed, '__proto__')).toBe(true);
    const request = readSlackRequest(parsed);
    expect(request.kind).toBe('process');
    if (request.kind !== 'process') return;
    expect(Object.keys(request.body)).not.toContain('function_data');
    expect(Object.prototype.hasOwnProperty.call(request.body, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads forms the way Bolt does: a repeated field is an array, and refused', () => {
    const form = parseQuery('command=%2Fhelp&command=%2Flog&team_id=T1&user_id=U1&channel_id=C1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx&trigger_id=t');
    expect(readSlackRequest(form)).toMatchObject({ kind: 'malformed', what: 'command' });
  });
});

describe('Discord interactions', () => {
  const fixtures = readdirSync(new URL('../fixtures/discord/', import.meta.url)).filter(
    (name) => !['gateway-hello-ready.json', 'interaction-callback-examples.json'].includes(name) && !name.startsWith('message-create'),
  );

  it.each(fixtures)('accepts %s', (name) => {
    expect(checkInteraction(withoutNotes(load(`discord/${name}`)))).toMatchObject({ ok: true });
  });

  it('drops malformed interactions with a short reason', () => {
    const command = withoutNotes(load('discord/chat-input-command.json'));
    const cases: unknown[] = [
      null,
      [],
      { ...command, token: undefined },
      { ...command, id: 123 },
      { ...command, member: { ...command['member'], user: { ...command['member'].user, id: 'x'.repeat(100_000) } } },
      { ...command, member: undefined, user: undefined },
      { ...command, app_permissions: 'all' },
      { ...command, data: { ...command['data'], options: [{ name: 'x', type: 3, value: { nested: true } }] } },
      { ...command, data: { ...command['data'], type: 2 } },
      { ...command, type: 3, data: { custom_id: 'a'.repeat(101), component_type: 2 } },
      { ...command, type: 5, data: { custom_id: 'form', components: 'x' } },
    ];
    for (const packet of cases) {
      const checked = checkInteraction(JSON.parse(JSON.stringify(packet) ?? 'null'));
      expect(checked.ok, JSON.stringify(packet)?.slice(0, 200)).toBe(false);
      expect(JSON.stringify(checked).length).toBeLessThan(1_000);
    }
  });

  it('fills what discord.js requires and Discord may leave out', () => {
    const command = withoutNotes(load('discord/chat-input-command.json'));
    delete command['entitlements'];
    delete command['authorizing_integration_owners'];
    expect(checkInteraction(command)).toMatchObject({ ok: true, data: { entitlements: [], authorizing_integration_owners: {} } });
  });
});

describe('Discord messages (MESSAGE_CREATE)', () => {
  it.each(['message-create-mention.json', 'message-create-dm.json'])('accepts %s', (name) => {
    expect(checkMessage(withoutNotes(load(`discord/${name}`)))).toMatchObject({ ok: true });
  });

  it('accepts a reply to a deleted message and fields Relance does not read', () => {
    const mention = withoutNotes(load('discord/message-create-mention.json'));
    const reply = { ...mention, type: 19, message_reference: { type: 0, message_id: '1480856480776192007', channel_id: mention['channel_id'] }, referenced_message: null, position: 3, some_future_field: { x: 1 } };
    expect(checkMessage(reply)).toMatchObject({ ok: true, data: { some_future_field: { x: 1 } } });
  });

  it('drops malformed messages with a short reason', () => {
    const dm = withoutNotes(load('discord/message-create-dm.json'));
    const cases: unknown[] = [
      null,
      [],
      { ...dm, author: null },
      { ...dm, author: { username: 'x' } },
      { ...dm, id: 123 },
      { ...dm, content: 42 },
      { ...dm, content: 'x'.repeat(100_000) },
      { ...dm, mentions: [null] },
      { ...dm, embeds: 'x' },
      { ...dm, member: 'x' },
      { ...dm, interaction_metadata: { id: '1' } },
    ];
    for (const packet of cases) {
      const checked = checkMessage(JSON.parse(JSON.stringify(packet) ?? 'null'));
      expect(checked.ok, JSON.stringify(packet)?.slice(0, 200)).toBe(false);
      expect(JSON.stringify(checked).length).toBeLessThan(1_000);
    }
  });
});
