// Reminders through the real Bolt App and discord.js Client: the job knows only the member's
// user id, the adapters open the DM; the buttons in the reminder run commands.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/core/types.ts';
import { deals } from '../../src/db/schema.ts';
import { deliverOutbox } from '../../src/nudges/delivery.service.ts';
import { planNudges } from '../../src/nudges/nudge-planner.service.ts';
import { ensureMember, ensureWorkspace, listStages } from '../../src/services/workspace.service.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { buttonClick, sentFor, startDiscordEnvironment, textFor, type DiscordEnvironment } from '../support/discord-environment.ts';
import { findButton, startSlackEnvironment, type SlackEnvironment } from '../support/slack-environment.ts';

const logger = pino({ level: 'silent' });
// Tuesday 24 November 2026, 10:00 in Paris: inside the default reminder window.
const NOW = new Date('2026-11-24T09:00:00Z');

/** A workspace with one rep and one deal untouched since September. */
async function seed(database: DatabaseHandle, ref: ConversationRef): Promise<{ workspaceId: number; dealId: number }> {
  return database.db.transaction(async (tx) => {
    const at = new Date('2026-09-01T09:00:00Z');
    const ws = await ensureWorkspace(tx, ref, at);
    await ensureMember(tx, ws, { id: 'admin-' + ref.workspaceId, displayName: 'Admin' }, at);
    const rep = await ensureMember(tx, ws, { id: ref.userId, displayName: 'Rita', locale: 'en-US' }, at);
    const stage = (await listStages(tx, ws.id)).find((s) => s.key === 'proposal')!;
    const [deal] = await tx
      .insert(deals)
      .values({ workspaceId: ws.id, name: 'Acme renewal', nameKey: 'acme renewal', ownerId: rep.id, stage: stage.key, probability: stage.probability, amountMinor: 1_200_000, createdAt: at, updatedAt: at, nextStep: 'Send the quote', nextStepDue: '2026-11-20' })
      .returning();
    return { workspaceId: ws.id, dealId: deal!.id };
  });
}

describe('reminders on Slack', () => {
  let env: SlackEnvironment;
  beforeAll(async () => {
    env = await startSlackEnvironment();
  });
  afterAll(async () => {
    await env.close();
  });

  it('opens the DM, posts the reminder with its buttons, and a click snoozes the deal', async () => {
    const team = `T0NUDGE${Date.now() % 100000}`;
    const user = 'U0NUDGEREP';
    // Slack says this member reads English: the reminder and the answer to the click follow.
    env.fake.setUser(user, { name: 'Rita', locale: 'en-US' });
    const { workspaceId, dealId } = await seed(env.database, { platform: 'slack', workspaceId: team, channelId: 'C0X', userId: user, isDM: false });
    await planNudges(env.database.db, NOW, { workspaceId });
    const result = await deliverOutbox(env.database.db, { now: NOW, worker: 'slack-test', send: (ref, reply) => env.adapter.send(ref, reply), logger, workspaceId });
    expect(result.sent).toBe(1);
    expect(env.fake.callsTo('conversations.open').at(-1)!.body['users']).toBe(user);
    const posted = env.fake.callsTo('chat.postMessage').at(-1)!;
    expect(posted.body['channel']).toBe(`D0${user.slice(1, 9)}`);
    expect(String(posted.body['text'])).toContain('1 deal to follow up today');
    const snooze = findButton(posted, 'Snooze 1 week');
    expect(snooze.value).toBe(`relance snooze #${dealId} 1w`);
    const answer = await env.click(team, snooze, { user });
    expect(JSON.stringify(answer?.body)).toContain(`No reminder about deal #${dealId}`);
    const [row] = await env.database.db.select().from(deals).where(eq(deals.id, dealId));
    expect(row!.snoozedUntil).not.toBeNull();
  });
});

describe('reminders on Discord', () => {
  let env: DiscordEnvironment;
  beforeAll(async () => {
    env = await startDiscordEnvironment();
  });
  afterAll(async () => {
    await env.close();
  });

  it('creates the DM channel and posts the reminder with buttons that run commands', async () => {
    const guild = `81384788765712${String(Date.now() % 100000).padStart(5, '0')}`;
    const user = '567318203596800001';
    const { workspaceId, dealId } = await seed(env.database, { platform: 'discord', workspaceId: guild, channelId: '1246372665753600003', userId: user, isDM: false });
    await planNudges(env.database.db, NOW, { workspaceId });
    const result = await deliverOutbox(env.database.db, { now: NOW, worker: 'discord-test', send: (ref, reply) => env.adapter.send(ref, reply), logger, workspaceId });
    expect(result.sent).toBe(1);
    const opened = env.fake.calls.filter((c) => c.path.endsWith('/users/@me/channels'));
    expect(opened.at(-1)!.body).toMatchObject({ recipient_id: user });
    const message = env.fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith(`/channels/9${user}/messages`)).at(-1)!;
    const ids = JSON.stringify(message.body);
    expect(ids).toContain(`relance snooze #${dealId} 1w`);
    expect(ids).toContain('Acme renewal');
    // A click on "Lost" from the DM asks why, like /deal lost would.
    const customId = (message.body as any).components.flatMap((row: any) => row.components).find((b: any) => String(b.custom_id).includes(`deal lost #${dealId}`)).custom_id;
    const click = buttonClick({ guild, user }, customId);
    env.fake.dispatch(click);
    await env.fake.waitFor(() => sentFor(env.fake, click['token']).length > 0);
    expect(textFor(env.fake, click['token'])).toMatch(/reason|why/i);
  });
});
