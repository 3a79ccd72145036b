// Hostile input at the adapter boundary: a fixed-seed stream of malformed Slack requests
// (correctly signed, so they get past the signature check) and malformed Discord
// INTERACTION_CREATE payloads, through the real Bolt App and discord.js Client. None may crash
// the process, become an unhandled rejection, be answered 5xx or go unanswered; each refused
// Slack request is logged in one bounded line; a valid command still works afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, chatInput, modalSubmit, autocomplete, messageCommand, userCommand, startDiscordEnvironment, textFor, type DiscordEnvironment } from '../support/discord-environment.ts';
import { checkInteraction } from '../../adapters/discord/discord-payloads.ts';
import { discordCases, slackCases, type SlackCase } from '../support/fuzz-payloads.ts';
import { startSlackEnvironment, type SlackEnvironment } from '../support/slack-environment.ts';
import { blockActionsBody, sign, slashCommandBody, viewSubmissionBody } from '../support/slack-requests.ts';

const SEED = 1_414_2026;
const SLACK_CASES = 300;
const DISCORD_CASES = 300;
/** No log line may carry a payload: every line stays short whatever was sent. */
const MAX_LOG_LINE = 4_000;

const uncaught: unknown[] = [];
const unhandled: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let slack: SlackEnvironment;
let discord: DiscordEnvironment;

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  [slack, discord] = await Promise.all([startSlackEnvironment(), startDiscordEnvironment()]);
});

afterAll(async () => {
  await Promise.all([slack?.close(), discord?.close()]);
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUnhandled);
});

/** How many log lines of each message. */
function countMessages(logs: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of logs) {
    const message = String((JSON.parse(line) as { msg?: unknown }).msg);
    counts[message] = (counts[message] ?? 0) + 1;
  }
  return counts;
}

/** Error-level lines (pino level 50 and up), shortened. */
const errorLines = (logs: string[]) => logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50).map((line) => line.slice(0, 300));

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error).slice(0, 300));

async function post(port: number, c: SlackCase): Promise<number | 'no answer'> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { ...sign(c.body), 'content-type': c.contentType },
      body: c.body,
      signal: AbortSignal.timeout(5_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'no answer';
  }
}

describe('malformed payloads (fixed seed)', () => {
  it(`Slack: ${SLACK_CASES} malformed requests, none 5xx, unanswered or unhandled`, async () => {
    const team = 'T0FUZZ0001';
    const responseUrl = slack.fake.responseUrl();
    const viewPayload = (body: string) => JSON.parse(new URLSearchParams(body).get('payload')!) as Record<string, unknown>;
    const bases = {
      slash: Object.fromEntries(new URLSearchParams(slashCommandBody({ command: '/log', text: 'call Acme 20min', team, responseUrl }))),
      blockActions: viewPayload(blockActionsBody({ actionId: 'dialog:cancel', value: '1', team, responseUrl })),
      viewSubmission: viewPayload(
        viewSubmissionBody({ callbackId: 'command:deal new', values: { name: { relance_input: { type: 'plain_text_input', value: 'Fuzz deal' } } }, privateMetadata: JSON.stringify({ channelId: 'C0VENTES01' }), team }),
      ),
      event: {
        token: 'FAKEverifTOKENacme000000',
        team_id: team,
        api_app_id: 'A0ACMEBOT1',
        type: 'event_callback',
        event_id: 'Ev0FUZZ00001',
        event_time: 1773134741,
        authorizations: [{ enterprise_id: null, team_id: team, user_id: 'U0ACMEBOT1', is_bot: true, is_enterprise_install: false }],
        event: { type: 'message', channel: 'D0FUZZ0001', channel_type: 'im', user: 'U0CAMILLE1', text: 'hello', ts: '1773134741.512339', team },
      },
    };
    const cases = slackCases(bases, SLACK_CASES, SEED);
    const logsBefore = slack.logs.length;
    const statuses: Array<number | 'no answer'> = [];
    const started = Date.now();
    for (let i = 0; i < cases.length; i += 6) {
      statuses.push(...(await Promise.all(cases.slice(i, i + 6).map((c) => post(slack.port, c)))));
    }
    // Requests that were valid enough to run go on after their ack: let them finish.
    await settle(1_500);
    const histogram: Record<string, number> = {};
    for (const status of statuses) histogram[String(status)] = (histogram[String(status)] ?? 0) + 1;
    const logs = slack.logs.slice(logsBefore);
    const refusedLines = logs.filter((line) => line.includes('slack: malformed request refused')).length;
    console.info(`slack fuzz: ${cases.length} requests in ${Date.now() - started} ms, statuses ${JSON.stringify(histogram)}, log lines ${JSON.stringify(countMessages(logs))}`);

    expect(uncaught.map(describeError)).toEqual([]);
    expect(unhandled.map(describeError)).toEqual([]);
    expect(statuses.filter((s) => s === 'no answer' || s >= 500)).toEqual([]);
    // Correctly signed, so never 401; malformed ones are 400 (413 when too large).
    expect(Object.keys(histogram).every((s) => ['200', '400', '413'].includes(s))).toBe(true);
    // Most of these are malformed: the generator must not drift into sending valid requests only.
    expect(histogram['400'] ?? 0).toBeGreaterThan(cases.length / 2);
    // One line for each refused request, and no line carrying a payload.
    expect(refusedLines).toBe((histogram['400'] ?? 0) + (histogram['413'] ?? 0));
    expect(logs.filter((line) => line.length > MAX_LOG_LINE).map((line) => line.slice(0, 200))).toEqual([]);
    // What got through was handled: no listener, core or receiver error.
    expect(errorLines(logs)).toEqual([]);

    // A valid command still works.
    const { last } = await slack.slash('T0FUZZ0002', '/help', '');
    expect(JSON.stringify(last()?.body)).toContain('Relance');
  });

  it(`Discord: ${DISCORD_CASES} malformed interactions, none crashing or unhandled`, async () => {
    const guild = '1246372665753609999';
    const bases = [
      chatInput({ guild }, 'log', undefined, { type: 'call', target: 'Acme Corp', notes: 'fuzz' }),
      chatInput({ guild }, 'deal', 'new', { name: 'Fuzz', amount: 1200 }),
      buttonClick({ guild }, 'dialog:cancel'),
      modalSubmit({ guild }, 'command:deal new', { name: 'Fuzz deal' }),
      autocomplete({ guild }, 'deal', 'show', 'deal', 'Fu'),
      messageCommand({ guild }, { content: 'Appel avec Acme : budget validé' }),
      userCommand({ guild }, '750324075724800001'),
    ];
    const cases = discordCases(bases, DISCORD_CASES, SEED);
    const logsBefore = discord.logs.length;
    const started = Date.now();
    for (let i = 0; i < cases.length; i++) {
      discord.fake.dispatch(cases[i] as Record<string, unknown>);
      if (i % 20 === 19) await settle(50);
    }
    await settle(2_000);
    const logs = discord.logs.slice(logsBefore);
    const dropped = logs.filter((line) => line.includes('discord: malformed interaction dropped')).length;
    const notObjects = cases.filter((c) => c === null || typeof c !== 'object' || Array.isArray(c)).length;
    console.info(`discord fuzz: ${cases.length} interactions in ${Date.now() - started} ms, ${notObjects} not objects, log lines ${JSON.stringify(countMessages(logs))}`);

    expect(uncaught.map(describeError)).toEqual([]);
    expect(unhandled.map(describeError)).toEqual([]);
    // Each malformed packet dropped with exactly one line, before discord.js read it.
    expect(dropped).toBe(cases.filter((c) => !checkInteraction(JSON.parse(JSON.stringify(c) ?? 'null')).ok).length);
    expect(dropped).toBeGreaterThanOrEqual(notObjects);
    expect(dropped).toBeGreaterThan(cases.length / 2);
    expect(logs.filter((line) => line.length > MAX_LOG_LINE).map((line) => line.slice(0, 200))).toEqual([]);
    // Nothing threw while discord.js built an interaction, in our handler, the core or discord.js's error event.
    expect(errorLines(logs)).toEqual([]);

    // A valid command still works.
    const help = chatInput({ guild: '1246372665753608888' }, 'help', undefined, {});
    discord.fake.dispatch(help);
    await discord.fake.waitFor(() => discord.fake.callsFor(help['token']).length >= 1);
    expect(textFor(discord.fake, help['token'])).toContain('Relance');
  });
});
