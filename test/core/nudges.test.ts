// Reminders and digests with a fixed clock: the right local morning in three time zones and
// across a daylight-saving change, one grouped message per member, snooze, activity, quiet
// hours, weekends, the member's switch, replicas and a crash between claim and send.
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationRef, Reply } from '../../src/core/types.ts';
import { contacts, deals, members, outbox } from '../../src/db/schema.ts';
import { deliverOutbox } from '../../src/nudges/delivery.service.ts';
import { planDigests } from '../../src/nudges/digest.service.ts';
import { planNudges } from '../../src/nudges/nudge-planner.service.ts';
import { claimDue, renewClaim } from '../../src/nudges/outbox.service.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: '2026-10-01T08:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const logger = pino({ level: 'silent' });
interface Sent {
  at: Date;
  ref: ConversationRef;
  reply: Reply;
  text: string;
}
const textOf = (reply: Reply) =>
  reply.blocks
    .map((b) => (b.type === 'text' ? b.text : b.type === 'section' ? `${b.title} ${b.text ?? ''}` : b.type === 'list' ? [b.title, ...b.items].join('\n') : b.type === 'buttons' ? b.buttons.map((x) => `[${x.label}|${x.value}]`).join(' ') : ''))
    .join('\n');

interface World {
  admin: Session;
  paris: Session;
  york: Session;
  tokyo: Session;
  workspaceId: number;
  ids: Record<string, number>;
}

async function setZone(s: Session, zone: string): Promise<void> {
  await h.database.db.update(members).set({ timeZone: zone }).where(eq(members.platformUserId, s.actor.id));
}

const dealId = async (workspaceId: number, name: string) => (await h.database.db.select().from(deals).where(and(eq(deals.workspaceId, workspaceId), eq(deals.name, name))))[0]!.id;

/** Three reps in Paris, New York and Tokyo; deals made on 1 October, each due for a reason. */
async function world(): Promise<World> {
  h.clock.now = new Date('2026-10-01T08:00:00Z');
  const admin = await h.session({ role: 'admin', name: 'Ada' });
  const paris = await admin.as({ name: 'Paula', user: `P${Math.random()}` });
  const york = await admin.as({ name: 'Yann', user: `Y${Math.random()}` });
  const tokyo = await admin.as({ name: 'Toshi', user: `T${Math.random()}` });
  await setZone(paris, 'Europe/Paris');
  await setZone(york, 'America/New_York');
  await setZone(tokyo, 'Asia/Tokyo');
  const workspaceId = await workspaceIdOf(h.database, admin);
  // Paula: one deal per reason, and one that is fine.
  await paris.send('/deal new "Stale deal" Acme 10k');
  await paris.click(1);
  await paris.send('/log call deal:"Stale deal" outbound positive suite:"Relancer" pour:31/12/2026');
  await paris.send('/deal new "Overdue step" Bolt 20k');
  await paris.click(1);
  await paris.send('/deal next "Overdue step" "Envoyer le devis" 15/10/2026');
  await paris.send('/deal new "Late close" Cobalt 5k close:20/10/2026');
  await paris.click(1);
  await paris.send('/deal next "Late close" "Call" 31/12/2026');
  await paris.send('/deal new "No step" Delta 8k');
  await paris.click(1);
  await york.send('/deal new "York stale" Echo 3k');
  await york.click(1);
  await tokyo.send('/deal new "Tokyo stale" Fjord 4k');
  await tokyo.click(1);
  const ids: Record<string, number> = {};
  for (const name of ['Stale deal', 'Overdue step', 'Late close', 'No step', 'York stale', 'Tokyo stale']) ids[name] = await dealId(workspaceId, name);
  // The fine deal: recent activity and a next step ahead (logged later, see freshen()).
  await paris.send('/deal new "Fine deal" Fjord 1k');
  await paris.click(1);
  ids['Fine deal'] = await dealId(workspaceId, 'Fine deal');
  return { admin, paris, york, tokyo, workspaceId, ids };
}

/** Runs the job every five minutes from `from` to `to` (UTC), collecting what is sent. */
async function runEveryFiveMinutes(w: World, from: string, to: string, sent: Sent[], replicas = 1): Promise<void> {
  for (let t = Date.parse(from); t <= Date.parse(to); t += 5 * 60_000) {
    const now = new Date(t);
    h.clock.now = now;
    const send = async (ref: ConversationRef, reply: Reply) => {
      sent.push({ at: now, ref, reply, text: textOf(reply) });
    };
    await Promise.all(
      Array.from({ length: replicas }, async (_, i) => {
        await planNudges(h.database.db, now, { workspaceId: w.workspaceId });
        await planDigests(h.database.db, now, { workspaceId: w.workspaceId });
        await deliverOutbox(h.database.db, { now, worker: `replica-${i}`, send, logger, workspaceId: w.workspaceId });
      }),
    );
  }
}

const localHour = (at: Date, zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

describe('reminders', () => {
  it('reach each member once, at 9:00 in their own time zone, grouped, with reasons and buttons', async () => {
    const w = await world();
    // Keep the fine deal fine on the reminder day.
    h.clock.now = new Date('2026-11-29T10:00:00Z');
    await w.paris.send('/log email deal:"Fine deal" outbound positive suite:"Démo" pour:15/12/2026');
    const sent: Sent[] = [];
    // Monday 30 November, from Tokyo's Monday morning to New York's Monday evening; two replicas.
    await runEveryFiveMinutes(w, '2026-11-29T23:00:00Z', '2026-11-30T23:30:00Z', sent, 2);
    const to = (s: Session) => sent.filter((m) => m.ref.userId === s.actor.id);
    expect(to(w.paris)).toHaveLength(1);
    expect(to(w.york)).toHaveLength(1);
    expect(to(w.tokyo)).toHaveLength(1);
    expect(localHour(to(w.paris)[0]!.at, 'Europe/Paris')).toBe('09:00');
    expect(localHour(to(w.york)[0]!.at, 'America/New_York')).toBe('09:00');
    expect(localHour(to(w.tokyo)[0]!.at, 'Asia/Tokyo')).toBe('09:00');
    expect(to(w.paris)[0]!.ref).toMatchObject({ isDM: true, channelId: w.paris.actor.id });
    const paula = to(w.paris)[0]!.text;
    expect(paula).toContain('4 deals to follow up today');
    expect(paula).toMatch(/#\d+ Overdue step[\s\S]*next step “Envoyer le devis” overdue \(due /);
    expect(paula).toMatch(/Late close[\s\S]*expected close date has passed \(.*\)/);
    expect(paula).toMatch(/Stale deal[\s\S]*no activity for \d+ days/);
    expect(paula).toMatch(/No step[\s\S]*no next step/);
    expect(paula).not.toContain('Fine deal');
    expect(paula).toContain('No follow-ups yet');
    expect(paula).toContain(`[Log a call|log call deal:#${w.ids['Stale deal']}]`);
    expect(paula).toContain(`[Snooze to tomorrow|relance snooze #${w.ids['Stale deal']} 1d]`);
    expect(paula).toContain(`[Snooze 3 days|relance snooze #${w.ids['Stale deal']} 3d]`);
    expect(paula).toContain(`[Snooze 1 week|relance snooze #${w.ids['Stale deal']} 1w]`);
    expect(paula).toContain(`[Mark lost|deal lost #${w.ids['Stale deal']}]`);
    // Most urgent first: the overdue next step leads.
    expect(paula.indexOf('Overdue step')).toBeLessThan(paula.indexOf('Stale deal'));
  });

  it('follows daylight saving: 9:00 in Paris is 07:00 UTC before the change and 08:00 after', async () => {
    const w = await world();
    const sent: Sent[] = [];
    await runEveryFiveMinutes(w, '2026-10-23T06:00:00Z', '2026-10-23T09:00:00Z', sent); // Friday, CEST
    await runEveryFiveMinutes(w, '2026-10-26T06:00:00Z', '2026-10-26T09:00:00Z', sent); // Monday, CET
    const paula = sent.filter((m) => m.ref.userId === w.paris.actor.id).map((m) => m.at.toISOString());
    expect(paula).toEqual(['2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('says nothing on weekends, outside working hours, or to a member who switched reminders off', async () => {
    const w = await world();
    const sent: Sent[] = [];
    await runEveryFiveMinutes(w, '2026-11-28T00:00:00Z', '2026-11-29T23:55:00Z', sent); // Saturday and Sunday, everywhere
    expect(sent.filter((m) => [w.paris, w.york].some((s) => s.actor.id === m.ref.userId))).toHaveLength(0);
    // The scheduler was down all Tuesday morning in Paris: nothing after 18:00, nothing at night.
    await runEveryFiveMinutes(w, '2026-12-01T17:00:00Z', '2026-12-01T22:00:00Z', sent);
    expect(sent.filter((m) => m.ref.userId === w.paris.actor.id)).toHaveLength(0);
    expect(await w.paris.send('/relance off')).toContain('You will no longer get reminders');
    await runEveryFiveMinutes(w, '2026-12-02T07:55:00Z', '2026-12-02T08:10:00Z', sent);
    expect(sent.filter((m) => m.ref.userId === w.paris.actor.id)).toHaveLength(0);
    await w.paris.send('/relance on');
    await runEveryFiveMinutes(w, '2026-12-03T07:55:00Z', '2026-12-03T08:10:00Z', sent);
    expect(sent.filter((m) => m.ref.userId === w.paris.actor.id)).toHaveLength(1);
  });

  it('honours snooze, drops a deal worked on after planning, and never offers a call to an opted-out contact', async () => {
    const w = await world();
    const sent: Sent[] = [];
    h.clock.now = new Date('2026-11-30T07:00:00Z');
    expect(await w.paris.send(`/relance snooze #${w.ids['Stale deal']} 3d`)).toMatch(/No reminder about deal #\d+ “Stale deal” before Thu,? 3 Dec 2026/);
    // The contact on "Overdue step" asked not to be called.
    const [contact] = await h.database.db.insert(contacts).values({ workspaceId: w.workspaceId, name: 'Bruno Petit', nameKey: 'bruno petit', optOutPhone: true, createdAt: h.clock.now }).returning();
    await h.database.db.update(deals).set({ contactId: contact!.id }).where(eq(deals.id, w.ids['Overdue step']!));
    // Planned at 9:00, but the rep calls about "No step" before the message goes out.
    h.clock.now = new Date('2026-11-30T08:00:00Z');
    await planNudges(h.database.db, h.clock.now, { workspaceId: w.workspaceId });
    await w.paris.send('/log email deal:"No step" outbound positive');
    await deliverOutbox(h.database.db, { now: h.clock.now, worker: 'w', send: async (ref, reply) => void sent.push({ at: h.clock.now, ref, reply, text: textOf(reply) }), logger, workspaceId: w.workspaceId });
    const monday = sent.find((m) => m.ref.userId === w.paris.actor.id)!.text;
    expect(monday).not.toContain('Stale deal');
    expect(monday).not.toContain('No step');
    expect(monday).toContain('Overdue step');
    expect(monday).toContain('do not call (opted out)');
    expect(monday).not.toContain(`[Log a call|log call deal:#${w.ids['Overdue step']}]`);
    expect(monday).toContain(`[Log an email|log email deal:#${w.ids['Overdue step']}]`);
    // Thursday: the snooze is over.
    await runEveryFiveMinutes(w, '2026-12-03T07:55:00Z', '2026-12-03T08:05:00Z', sent);
    expect(sent.filter((m) => m.ref.userId === w.paris.actor.id).at(-1)!.text).toContain('Stale deal');
  });

  it('sends a message claimed by a replica that died before sending, once, after the lease', async () => {
    const w = await world();
    const now = new Date('2026-11-30T08:00:00Z');
    await planNudges(h.database.db, now, { workspaceId: w.workspaceId });
    const claimed = await claimDue(h.database.db, now, 'doomed', { workspaceId: w.workspaceId });
    expect(claimed.length).toBeGreaterThan(0);
    // The doomed replica stops here. Another one, a minute later, must not send (the claim is fresh).
    const sent: Sent[] = [];
    const send = async (ref: ConversationRef, reply: Reply) => void sent.push({ at: now, ref, reply, text: textOf(reply) });
    await deliverOutbox(h.database.db, { now: new Date(now.getTime() + 60_000), worker: 'other', send, logger, workspaceId: w.workspaceId });
    expect(sent).toHaveLength(0);
    // Past the lease it is sent, once, whoever runs.
    const later = new Date(now.getTime() + 3 * 60_000);
    await Promise.all([
      deliverOutbox(h.database.db, { now: later, worker: 'a', send, logger, workspaceId: w.workspaceId }),
      deliverOutbox(h.database.db, { now: later, worker: 'b', send, logger, workspaceId: w.workspaceId }),
    ]);
    expect(sent.filter((m) => m.ref.userId === w.paris.actor.id)).toHaveLength(1);
    const rows = await h.database.db.select().from(outbox).where(eq(outbox.workspaceId, w.workspaceId));
    expect(rows.filter((r) => r.status === 'sent' && r.memberId !== null).length).toBe(claimed.length);
  });

  it('does not send a row another sender took over after the lease ran out mid-batch', async () => {
    const w = await world();
    const now = new Date('2026-11-30T08:00:00Z');
    await planNudges(h.database.db, now, { workspaceId: w.workspaceId });
    const slow = await claimDue(h.database.db, now, 'slow', { workspaceId: w.workspaceId });
    expect(slow.length).toBeGreaterThan(0);
    const sent: Sent[] = [];
    const send = async (ref: ConversationRef, reply: Reply) => void sent.push({ at: now, ref, reply, text: textOf(reply) });
    await deliverOutbox(h.database.db, { now: new Date(now.getTime() + 3 * 60_000), worker: 'fast', send, logger, workspaceId: w.workspaceId });
    expect(sent).toHaveLength(slow.length);
    // The slow sender finally gets to its rows: they are no longer its own.
    expect(await renewClaim(h.database.db, slow[0]!, new Date(now.getTime() + 4 * 60_000))).toBe(false);
  });

  it('retries a failed send later, and drops it at the end of working hours', async () => {
    const w = await world();
    const now = new Date('2026-11-30T08:00:00Z');
    await planNudges(h.database.db, now, { workspaceId: w.workspaceId });
    let fail = true;
    const sent: Sent[] = [];
    const send = async (ref: ConversationRef, reply: Reply) => {
      if (fail) throw new Error('ratelimited');
      sent.push({ at: now, ref, reply, text: textOf(reply) });
    };
    const failed = await deliverOutbox(h.database.db, { now, worker: 'a', send, logger, workspaceId: w.workspaceId });
    expect(failed.failed).toBeGreaterThan(0);
    fail = false;
    await deliverOutbox(h.database.db, { now: new Date(now.getTime() + 30_000), worker: 'a', send, logger, workspaceId: w.workspaceId });
    expect(sent).toHaveLength(0); // backoff: not before a minute
    await deliverOutbox(h.database.db, { now: new Date(now.getTime() + 61_000), worker: 'a', send, logger, workspaceId: w.workspaceId });
    expect(sent.filter((m) => m.ref.userId === w.paris.actor.id)).toHaveLength(1);
    // Next day the send keeps failing until 18:05 in Paris: the message is dropped, not sent at night.
    await planNudges(h.database.db, new Date('2026-12-01T08:00:00Z'), { workspaceId: w.workspaceId });
    fail = true;
    await deliverOutbox(h.database.db, { now: new Date('2026-12-01T08:00:00Z'), worker: 'a', send, logger, workspaceId: w.workspaceId });
    fail = false;
    const before = sent.length;
    await deliverOutbox(h.database.db, { now: new Date('2026-12-01T17:05:00Z'), worker: 'a', send, logger, workspaceId: w.workspaceId });
    expect(sent.length).toBe(before);
    const rows = await h.database.db.select().from(outbox).where(and(eq(outbox.workspaceId, w.workspaceId), eq(outbox.window, '2026-12-01')));
    expect(rows.find((r) => r.memberId !== null && r.key.startsWith('nudges:'))?.status).toBeDefined();
    expect(rows.filter((r) => r.status === 'expired').length).toBeGreaterThan(0);
  });
});

describe('/relance and the digest', () => {
  it('previews without sending, and explains when the reminder goes out', async () => {
    const w = await world();
    h.clock.now = new Date('2026-11-30T07:30:00Z'); // 08:30 in Paris
    const text = await w.paris.send('/relance preview');
    expect(text).toContain('Preview: nothing is sent. The reminder will go out at 09:00.');
    expect(text).toMatch(/\d deals to follow up today[\s\S]*Overdue step/);
    const rows = await h.database.db.select().from(outbox).where(eq(outbox.workspaceId, w.workspaceId));
    expect(rows).toHaveLength(0);
    h.clock.now = new Date('2026-11-28T10:00:00Z');
    expect(await w.paris.send('/relance preview')).toContain('No reminder today (not a working day).');
  });

  it('lets admins change the rules, with clear errors', async () => {
    const w = await world();
    expect(await w.admin.send('/relance settings stale:10 hours:8h30-17h at:8h45 days:mon-thu')).toMatch(/after 10 days without activity[\s\S]*Monday, Tuesday, Wednesday and Thursday, 08:30 to 17:00; morning reminder at 08:45/);
    expect(await w.admin.send('/relance settings stage:proposal stale:5')).toContain('Per-stage thresholds: Proposal (5 days).');
    expect(await w.admin.send('/relance settings hours:18-9')).toContain('I do not understand the hours "18-9"');
    expect(await w.admin.send('/relance settings at:20h')).toContain('must fall within working hours');
    expect(await w.admin.send('/relance settings days:someday')).toContain('I do not understand the days "someday"');
    expect(await w.paris.send('/relance settings stale:3')).toContain('Only admins can do this');
    expect(await w.admin.send(`/relance snooze #${w.ids['Stale deal']} soon`)).toContain('I do not understand "soon"');
  });

  it('posts the weekly digest once to the chosen channel', async () => {
    const w = await world();
    const channel = await w.admin.as({ user: w.admin.actor.id, channel: 'C-sales', name: 'Ada' });
    expect(await channel.send('/relance settings digest:here digest-day:monday digest-at:9h')).toContain('Digest: every Monday at 09:00');
    const sent: Sent[] = [];
    await runEveryFiveMinutes(w, '2026-11-30T07:50:00Z', '2026-11-30T09:00:00Z', sent, 2);
    const digests = sent.filter((m) => m.ref.channelId === 'C-sales');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.at.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(digests[0]!.reply.visibility).toBe('channel');
    // The channel reads the workspace's language (French here).
    expect(digests[0]!.text).toMatch(/Synthèse de l’équipe[\s\S]*Paula\s:\s\d+ affaires? sans activité, 1 prochaine étape en retard/);
    expect(digests[0]!.text).toMatch(/Yann\s:\s1 affaire sans activité, 0 prochaine étape en retard/);
  });
});
