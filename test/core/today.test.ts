// "My day" (/today · /aujourdhui) through the real bot, on PGlite and (TEST_DATABASE_URL) on
// PostgreSQL. The clock is the harness's, Tuesday 24 November 2026, 10:00 in Paris: the week runs
// from Monday 23 to Sunday 29 November, the month is November. Deals are written straight into
// the database with the dates each case needs; activities, wins, objectives and clicks go
// through the bot.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_DAY_MAX_BLOCKS } from '../../src/commands/shared/my-day-view.ts';
import { normalizeKey } from '../../src/core/parse/tokenize.parser.ts';
import type { Block, Reply } from '../../src/core/types.ts';
import { deals, members } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

const NBSP = '\u00a0';
const NNBSP = '\u202f';
/** A French percentage as Intl prints it (the style guide's rule). */
const frPercent = (ratio: number) => new Intl.NumberFormat('fr-FR', { style: 'percent' }).format(ratio);

interface DealSpec {
  name: string;
  amount?: number | null;
  stage?: string;
  probability?: number;
  status?: 'open' | 'won' | 'lost';
  nextStep?: string | null;
  nextStepDue?: string | null;
  close?: string | null;
  created?: string;
  lastActivity?: string | null;
  snoozedUntil?: string;
  wonAt?: string;
  lostAt?: string;
}

async function idsOf(s: Session): Promise<{ workspaceId: number; memberId: number }> {
  const workspaceId = await workspaceIdOf(h.database, s);
  const [member] = await h.database.db.select().from(members).where(and(eq(members.workspaceId, workspaceId), eq(members.platformUserId, s.actor.id)));
  return { workspaceId, memberId: member!.id };
}

/** Inserts deals owned by `owner`; returns their ids by name. */
async function addDeals(owner: Session, specs: DealSpec[]): Promise<Record<string, number>> {
  const { workspaceId, memberId } = await idsOf(owner);
  const rows = await h.database.db
    .insert(deals)
    .values(
      specs.map((spec) => {
        const created = new Date(spec.created ?? '2026-10-01T09:00:00Z');
        const status = spec.status ?? 'open';
        return {
          workspaceId,
          name: spec.name,
          nameKey: normalizeKey(spec.name),
          ownerId: memberId,
          amountMinor: spec.amount === null ? null : (spec.amount ?? 1000) * 100,
          stage: spec.stage ?? (status === 'open' ? 'discovery' : status),
          status,
          probability: spec.probability ?? 30,
          expectedCloseDate: spec.close ?? null,
          nextStep: spec.nextStep === undefined ? 'Call back' : spec.nextStep,
          nextStepDue: spec.nextStepDue === undefined ? '2026-12-15' : spec.nextStepDue,
          createdAt: created,
          updatedAt: created,
          lastActivityAt: spec.lastActivity === undefined ? new Date('2026-11-23T10:00:00Z') : spec.lastActivity === null ? null : new Date(spec.lastActivity),
          ...(spec.snoozedUntil ? { snoozedUntil: new Date(spec.snoozedUntil) } : {}),
          ...(spec.wonAt ? { wonAt: new Date(spec.wonAt) } : {}),
          ...(spec.lostAt ? { lostAt: new Date(spec.lostAt) } : {}),
        };
      }),
    )
    .returning({ id: deals.id, name: deals.name });
  return Object.fromEntries(rows.map((row) => [row.name, row.id]));
}

const blockText = (block: Block): string =>
  block.type === 'text' ? block.text : block.type === 'section' ? [block.title, ...(block.text ? [block.text] : [])].join('\n') : block.type === 'list' ? [block.title ?? '', ...block.items].join('\n') : '';

/** The deal numbers of the reminder-style lines (`#12 Name · …` text blocks), in order. */
const followUpIds = (reply: Reply): number[] =>
  reply.blocks.flatMap((block) => (block.type === 'text' ? [/^#(\d+) /.exec(block.text)?.[1]] : [])).filter((id): id is string => id !== undefined).map(Number);

/** The items of the list under the section titled `title`. */
function listUnder(reply: Reply, title: string | RegExp): string[] {
  const at = reply.blocks.findIndex((block) => block.type === 'section' && (typeof title === 'string' ? block.title === title : title.test(block.title)));
  const next = reply.blocks[at + 1];
  return next?.type === 'list' ? next.items : [];
}

const listTitled = (reply: Reply, title: RegExp): string[] => {
  const block = reply.blocks.find((b) => b.type === 'list' && title.test(b.title ?? ''));
  return block?.type === 'list' ? block.items : [];
};

interface World {
  admin: Session;
  manager: Session;
  rita: Session;
  ritaFr: Session;
  sam: Session;
  ids: Record<string, number>;
}

/**
 * Team Nord: Max (manager), Rita and Sam (reps); Olga (rep) is in team Sud. Rita's deals cover
 * every reason the reminder knows, an overdue next step on a snoozed deal, deals closing this
 * month and one that is fine.
 */
async function world(): Promise<World> {
  const admin = await h.session({ name: 'Ada', role: 'admin' });
  const manager = await admin.as({ name: 'Max', role: 'manager', team: 'Nord' });
  const rita = await admin.as({ name: 'Rita', team: 'Nord' });
  const ritaFr = await admin.as({ user: rita.actor.id, name: 'Rita', locale: 'fr-FR' });
  const sam = await admin.as({ name: 'Sam', team: 'Nord' });
  const olga = await admin.as({ name: 'Olga', team: 'Sud' });
  const ids = {
    ...(await addDeals(rita, [
      // Overdue next step (4 days), closes next month.
      { name: 'Overdue quote', amount: 20_000, nextStep: 'Send the quote', nextStepDue: '2026-11-20', close: '2026-12-15' },
      // Expected close date passed, earlier this month.
      { name: 'Late close', amount: 5_000, probability: 50, nextStepDue: '2026-12-01', close: '2026-11-10' },
      // No activity since 1 October: stale; closes this month.
      { name: 'Sleepy', amount: 50_000, probability: 20, nextStepDue: '2026-12-10', close: '2026-11-28', lastActivity: '2026-10-01T09:00:00Z' },
      // Created this month, never given a next step.
      { name: 'No step', amount: 8_000, nextStep: null, nextStepDue: null, created: '2026-11-02T10:00:00Z' },
      // Snoozed: no reminder, but its next step is overdue all the same (6 days).
      { name: 'Snoozed', amount: 3_000, nextStep: 'Demo', nextStepDue: '2026-11-18', snoozedUntil: '2026-11-26T09:00:00Z' },
      // Fine: active, next step ahead, closes in January.
      { name: 'Fine', amount: 9_000, nextStepDue: '2026-11-30', close: '2027-01-15' },
      // Closes this month, nothing due.
      { name: 'Big close', amount: 100_000, probability: 80, stage: 'negotiation', nextStepDue: '2026-11-27', close: '2026-11-30' },
      // To be won this week through the bot.
      { name: 'Won one', amount: 12_000, created: '2026-11-03T10:00:00Z', close: '2026-12-20' },
    ])),
    ...(await addDeals(sam, [
      { name: 'Sam secret', amount: 10_000, probability: 10, nextStep: 'Sam step', nextStepDue: '2026-11-19', close: '2026-11-26', lastActivity: '2026-09-01T09:00:00Z' },
      { name: 'Sam dusty', amount: 4_000, lastActivity: null, created: '2026-08-01T09:00:00Z' },
      { name: 'Sam lost', amount: 7_000, status: 'lost', created: '2026-11-05T10:00:00Z', lostAt: '2026-11-15T10:00:00Z' },
    ])),
    ...(await addDeals(olga, [
      { name: 'Olga one', lastActivity: '2026-09-01T09:00:00Z', close: '2026-11-20', created: '2026-11-04T10:00:00Z' },
      { name: 'Olga two', lastActivity: '2026-09-01T09:00:00Z' },
      { name: 'Olga three', lastActivity: '2026-09-01T09:00:00Z' },
    ])),
  };
  // Three activities and a win this week, through the bot; objectives for the week.
  for (let i = 0; i < 3; i += 1) expect(await rita.send(`/log call deal:#${ids['Fine']} outbound positive`)).toContain('Call logged');
  expect(await rita.send(`/deal won #${ids['Won one']}`)).toContain('Deal won');
  expect(await admin.send('/objective set activities 5 week Rita')).toContain('Activities objective for Rita');
  expect(await admin.send('/objective set revenue 40k week Rita')).toContain('Revenue objective for Rita');
  return { admin, manager, rita, ritaFr, sam, ids };
}

describe('/today', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('shows a rep every part with the right items, in English', async () => {
    const text = await w.rita.send('/today');
    const reply = w.rita.replies[0]!;
    expect(w.rita.replies).toHaveLength(1);
    expect(reply.visibility).toBe('private');
    expect(reply.lang).toBe('en');
    expect(text).toContain('My day — Tuesday 24 November');
    // The reminder's four deals, most urgent first; not the snoozed one, the fine one, nor Sam's.
    const { ids } = w;
    expect(followUpIds(reply)).toEqual([ids['Overdue quote'], ids['Late close'], ids['Sleepy'], ids['No step']]);
    expect(text).toContain('4 deals are waiting to hear from you');
    expect(text).toMatch(/#\d+ Overdue quote · €20,000 · Discovery\nnext step “Send the quote” overdue \(due Fri, 20 Nov 2026\)\nNo follow-ups yet/);
    expect(text).toMatch(/Late close[\s\S]*expected close date has passed \(Tue, 10 Nov 2026\)/);
    expect(text).toMatch(/Sleepy[\s\S]*no activity for 54 days/);
    expect(text).toMatch(/No step[\s\S]*no next step/);
    // The reminder's buttons, for each deal.
    const values = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.value) : []));
    for (const name of ['Overdue quote', 'Late close', 'Sleepy', 'No step']) {
      const ref = `#${ids[name]}`;
      expect(values).toEqual(expect.arrayContaining([`log call deal:${ref}`, `deal next ${ref}`, `relance snooze ${ref} 1d`, `relance snooze ${ref} 3d`, `relance snooze ${ref} 1w`, `deal lost ${ref}`]));
    }
    // Overdue next steps, most late first: the snoozed deal's too.
    expect(listUnder(reply, 'Overdue next steps')).toEqual([
      `#${ids['Snoozed']} Snoozed — “Demo”, due Wed, 18 Nov 2026 (6 days late)`,
      `#${ids['Overdue quote']} Overdue quote — “Send the quote”, due Fri, 20 Nov 2026 (4 days late)`,
    ]);
    // Closing this month, by date.
    expect(listUnder(reply, 'Closing in November')).toEqual([
      `#${ids['Late close']} Late close · €5,000 · Discovery · expected to close Tue, 10 Nov 2026`,
      `#${ids['Sleepy']} Sleepy · €50,000 · Discovery · expected to close Sat, 28 Nov 2026`,
      `#${ids['Big close']} Big close · €100,000 · Negotiation · expected to close Mon, 30 Nov 2026`,
    ]);
    // The week against the objectives.
    expect(listTitled(reply, /^Your week, Mon, 23 Nov 2026 to Sun, 29 Nov 2026$/)).toEqual(['Activities: 3 / 5 (60%)', 'Deals won: 1', 'Revenue: €12,000 / €40,000 (30%)']);
    // Quick buttons; no team part for a rep.
    expect(values.slice(-3)).toEqual(['log', 'deal new', 'qualify']);
    expect(text).not.toMatch(/Team Nord|by owner|Weighted forecast/);
    // Nobody else's deals.
    expect(text).not.toMatch(/Sam|Olga/);
  });

  it('says the same in French, with French dates and typography', async () => {
    const text = await w.ritaFr.send('/aujourdhui');
    const reply = w.ritaFr.replies[0]!;
    expect(reply.lang).toBe('fr');
    expect(text).toContain('Ma journée — mardi 24 novembre');
    expect(text).toContain('À relancer aujourd’hui');
    expect(followUpIds(reply)).toEqual([w.ids['Overdue quote'], w.ids['Late close'], w.ids['Sleepy'], w.ids['No step']]);
    expect(text).toContain(`prochaine étape «${NNBSP}Send the quote${NNBSP}» en retard (prévue le ven. 20 nov. 2026)`);
    expect(listUnder(reply, 'Prochaines étapes en retard')).toEqual([
      `#${w.ids['Snoozed']} Snoozed — «${NNBSP}Demo${NNBSP}», prévue le mer. 18 nov. 2026 (6 jours de retard)`,
      `#${w.ids['Overdue quote']} Overdue quote — «${NNBSP}Send the quote${NNBSP}», prévue le ven. 20 nov. 2026 (4 jours de retard)`,
    ]);
    expect(listUnder(reply, 'À signer en novembre')[2]).toBe(`#${w.ids['Big close']} Big close · 100${NNBSP}000${NBSP}€ · Négociation · signature prévue le lun. 30 nov. 2026`);
    expect(listTitled(reply, /^Votre semaine, du lun\. 23 nov\. 2026 au dim\. 29 nov\. 2026$/)).toEqual([
      `Activités${NBSP}: 3 / 5 (${frPercent(0.6)})`,
      `Affaires gagnées${NBSP}: 1`,
      `Chiffre d’affaires${NBSP}: 12${NNBSP}000${NBSP}€ / 40${NNBSP}000${NBSP}€ (${frPercent(0.3)})`,
    ]);
    const labels = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : []));
    expect(labels).toEqual(expect.arrayContaining(['Noter un appel', 'Fixer la prochaine étape', 'Reporter à demain', 'Marquer perdue', 'Noter une activité', 'Créer une affaire', 'Qualifier une affaire']));
    expect(text).not.toMatch(/Sam|Olga/);
  });

  it('lists the deals to follow up in the order of the morning reminder', async () => {
    await w.rita.send('/relance preview');
    const preview = followUpIds(w.rita.replies[0]!);
    await w.rita.send('/today');
    expect(preview).toHaveLength(4);
    expect(followUpIds(w.rita.replies[0]!)).toEqual(preview);
  });

  it('gives the same week figures as /kpi', async () => {
    const kpi = await w.rita.send('/kpi week');
    expect(kpi).toMatch(/Activities\s+3 /);
    expect(kpi).toMatch(/Deals won\s+1 /);
    expect(kpi).toMatch(/Revenue\s+€12,000 /);
  });

  it('never shows a rep another rep’s deals', async () => {
    const text = await w.sam.send('/today');
    const reply = w.sam.replies[0]!;
    expect(followUpIds(reply)).toEqual([w.ids['Sam secret'], w.ids['Sam dusty']]);
    expect(listUnder(reply, 'Overdue next steps')).toEqual([`#${w.ids['Sam secret']} Sam secret — “Sam step”, due Thu, 19 Nov 2026 (5 days late)`]);
    expect(listUnder(reply, 'Closing in November')).toHaveLength(1);
    expect(text).not.toMatch(/Rita|Overdue quote|Sleepy|Big close|Olga/);
    expect(listTitled(reply, /^Your week/)).toEqual(['Activities: 0', 'Deals won: 0', 'Revenue: €0']);
  });

  it('shows a manager their team: stale deals per owner, this month’s forecast and movement', async () => {
    const text = await w.manager.send('/today');
    const reply = w.manager.replies[0]!;
    expect(text).toContain('Team Nord');
    // Sam: "Sam secret" and "Sam dusty"; Rita: "Sleepy". Olga is in team Sud.
    expect(listTitled(reply, /^Deals with no activity for 14 days, by owner$/)).toEqual(['Sam: 2 deals', 'Rita: 1 deal']);
    // Open deals of team Nord closing in November, weighted: 5,000 × 50 % + 50,000 × 20 % + 100,000 × 80 % + 10,000 × 10 %.
    expect(text).toContain('Weighted forecast of the deals expected to close in November: €93,500.');
    // Created in November: No step (8,000), Won one (12,000), Sam lost (7,000); won: Won one; lost: Sam lost.
    expect(text).toContain('In November: 3 new deals (€27,000), 1 won (€12,000), 1 lost (€7,000).');
    // The manager owns no deal: their own parts read as empty.
    expect(text).toContain('Nothing to follow up today.');
    expect(text).toContain('No overdue next steps.');
    expect(text).toContain('No deals expected to close in November.');
    expect(text).not.toContain('Olga');
  });

  it('shows an admin the whole team, in French', async () => {
    const admin = await w.admin.as({ user: w.admin.actor.id, name: 'Ada', locale: 'fr-FR' });
    const text = await admin.send('/journee');
    expect(text).toContain('Toute l’équipe');
    expect(listTitled(admin.replies[0]!, /^Affaires sans activité depuis 14 jours, par commercial$/)).toEqual([`Olga${NBSP}: 3 affaires`, `Sam${NBSP}: 2 affaires`, `Rita${NBSP}: 1 affaire`]);
    expect(text).toContain(`En novembre${NBSP}: 4 nouvelles affaires`);
  });

  it('runs the buttons: "Log an activity" starts /log, a reminder button snoozes the deal', async () => {
    await w.rita.send('/today');
    const buttons = w.rita.buttons();
    const log = buttons.find((b) => b.value === 'log')!;
    expect(log.actionId).toBe('run');
    expect(await w.rita.press(log)).toContain('What kind of activity?');
    await w.rita.send('/today');
    const snooze = w.rita.buttons().find((b) => b.value === `relance snooze #${w.ids['No step']} 1d`)!;
    expect(await w.rita.press(snooze)).toMatch(/No reminder about deal #\d+ “No step” before/);
    await w.rita.send('/today');
    expect(followUpIds(w.rita.replies[0]!)).toEqual([w.ids['Overdue quote'], w.ids['Late close'], w.ids['Sleepy']]);
  });
});

describe('/today limits and empty states', () => {
  it('reads well with nothing to show', async () => {
    const admin = await h.session({ name: 'Ada' });
    const rep = await admin.as({ name: 'Newbie' });
    const text = await rep.send('/my-day');
    expect(text).toContain('Nothing to follow up today.');
    expect(text).toContain('No overdue next steps.');
    expect(text).toContain('No deals expected to close in November.');
    expect(listTitled(rep.replies[0]!, /^Your week/)).toEqual(['Activities: 0', 'Deals won: 0', 'Revenue: €0']);
    const fr = await admin.as({ user: rep.actor.id, name: 'Newbie', locale: 'fr-FR' });
    const french = await fr.send('/ma-journee');
    expect(french).toContain('Rien à relancer aujourd’hui.');
    expect(french).toContain('Aucune prochaine étape en retard.');
    expect(french).toContain('Aucune affaire dont la signature est prévue en novembre.');
    // An admin whose workspace has no stale deal.
    expect(await admin.send('/today')).toContain('No deals without activity for 14 days.');
  });

  it('cuts every list at ten with a "+N more" line, and stays within 45 blocks', async () => {
    const admin = await h.session({ name: 'Ada' });
    const rep = await admin.as({ name: 'Busy' });
    // 13 deals due (12 of them with an overdue next step), 11 closing this month.
    await addDeals(rep, [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `Late ${i + 1}`, amount: 1000 + i, nextStepDue: `2026-11-${String(10 + i).padStart(2, '0')}`, close: `2026-11-${String(25 + (i % 5)).padStart(2, '0')}` })),
      { name: 'Dusty', lastActivity: '2026-09-01T09:00:00Z' },
    ]);
    // Seven more owners with a stale deal each: the admin sees five and "+2 more owners".
    for (let i = 0; i < 7; i += 1) {
      const other = await admin.as({ name: `Owner ${i + 1}` });
      await addDeals(other, [{ name: `Stale ${i + 1}`, lastActivity: '2026-09-01T09:00:00Z' }]);
    }
    const text = await rep.send('/today');
    const reply = rep.replies[0]!;
    expect(followUpIds(reply)).toHaveLength(10);
    expect(text).toContain('+3 more deals to follow up: /deal list');
    expect(listUnder(reply, 'Overdue next steps')).toHaveLength(11);
    expect(listUnder(reply, 'Overdue next steps').at(-1)).toBe('+2 more overdue next steps');
    expect(listUnder(reply, 'Closing in November')).toHaveLength(11);
    expect(listUnder(reply, 'Closing in November').at(-1)).toBe('+2 more deals closing in November');
    expect(reply.blocks.length).toBeLessThanOrEqual(MY_DAY_MAX_BLOCKS);

    // The admin owns the most stale deals of all: none. Give them 13 due deals too, for the largest reply.
    await addDeals(admin, Array.from({ length: 13 }, (_, i) => ({ name: `Admin late ${i + 1}`, nextStepDue: '2026-11-01', close: '2026-11-29' })));
    const adminText = await admin.send('/today');
    const adminReply = admin.replies[0]!;
    const stale = listTitled(adminReply, /by owner$/);
    expect(stale).toHaveLength(6);
    expect(stale[0]).toBe('Busy: 1 deal');
    expect(stale.at(-1)).toBe('+3 more owners');
    expect(adminText).toContain('+3 more deals to follow up');
    expect(adminReply.blocks.length).toBeLessThanOrEqual(MY_DAY_MAX_BLOCKS);
    const frAdmin = await admin.as({ user: admin.actor.id, name: 'Ada', locale: 'fr-FR' });
    const french = await frAdmin.send('/aujourdhui');
    expect(french).toContain('+3 autres affaires à relancer');
    expect(french).toContain('+3 autres commerciaux');
    expect(frAdmin.replies[0]!.blocks.length).toBeLessThanOrEqual(MY_DAY_MAX_BLOCKS);
    expect(blockText(frAdmin.replies[0]!.blocks[0]!)).toBe('Ma journée — mardi 24 novembre');
  });
});
