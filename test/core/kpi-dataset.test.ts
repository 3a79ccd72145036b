// Every KPI against values computed by hand on test/fixtures/kpi/kpi-dataset.json, on the
// database the suite runs on (PGlite, and PostgreSQL in CI through TEST_DATABASE_URL).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../../src/db/schema.ts';
import { kpis, revenueByRep, type KpiScope } from '../../src/kpi/kpi.service.ts';
import { parsePeriod, type Period } from '../../src/kpi/period.ts';
import { openHarness, type Harness } from '../support/chat-harness.ts';
import { loadKpiDataset, type LoadedDataset } from '../support/kpi-dataset.ts';

let h: Harness;
let d: LoadedDataset;
const tz = 'Europe/Paris';
let november: Period;
let october: Period;

beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
  d = await loadKpiDataset(h);
  november = parsePeriod('month', { now: new Date(d.data.now), timeZone: tz, lang: 'en' });
  october = parsePeriod('last-month', { now: new Date(d.data.now), timeZone: tz, lang: 'en' });
});
afterAll(async () => {
  await h.close();
});

async function scopeFor(viewerKey: string, who: 'all' | 'member' | 'team', memberKey?: string): Promise<KpiScope> {
  const [viewer] = await h.database.db.select().from(members).where(eq(members.id, d.memberIds[viewerKey]!));
  const base = { viewer: viewer!, currency: 'EUR' };
  if (who === 'all') return { ...base, subject: { kind: 'all' } };
  if (who === 'team') return { ...base, subject: { kind: 'team', name: 'Nord' }, memberIds: [d.memberIds['marc']!, d.memberIds['rita']!] };
  const id = d.memberIds[memberKey!]!;
  return { ...base, subject: { kind: 'member', id }, memberIds: [id] };
}

/** Money is stored in cents; the fixture's expectations are in euros. */
const asShown = (key: string, value: number | null): number | null => {
  const kpi = kpis.find((k) => k.key === key)!;
  return value === null ? null : kpi.unit === 'money' ? value / 100 : value;
};

async function compute(key: string, scope: KpiScope, period: Period): Promise<number | null> {
  const kpi = kpis.find((k) => k.key === key);
  if (!kpi) throw new Error(`no KPI ${key}`);
  return asShown(key, (await kpi.compute(h.database.db, scope, period)).value);
}

describe('KPIs on the hand-computed dataset', () => {
  it('covers every KPI in the fixture', () => {
    const expected = Object.keys(d.data.expected.november.all);
    for (const kpi of kpis) expect(expected, kpi.key).toContain(kpi.key);
  });

  it('matches every expected value for November, whole workspace', async () => {
    const scope = await scopeFor('ada', 'all');
    for (const [key, value] of Object.entries(d.data.expected.november.all)) {
      if (key.endsWith('_median')) continue;
      const actual = await compute(key, scope, november);
      if (value === null) expect(actual, key).toBeNull();
      else expect(actual, key).toBeCloseTo(value, 2);
    }
    const cycle = await kpis.find((k) => k.key === 'avg_time_to_close')!.compute(h.database.db, scope, november);
    expect(cycle.median).toBeCloseTo(d.data.expected.november.all['avg_time_to_close_median']!, 6);
  });

  it('matches October (the previous period), including an empty CSAT as "no data"', async () => {
    const scope = await scopeFor('ada', 'all');
    for (const [key, value] of Object.entries(d.data.expected.october.all)) {
      const actual = await compute(key, scope, october);
      if (value === null) expect(actual, key).toBeNull();
      else expect(actual, key).toBeCloseTo(value, 2);
    }
  });

  it('matches per rep (as the rep sees it) and per team (as the manager sees it)', async () => {
    for (const rep of ['rita', 'sam'] as const) {
      const scope = await scopeFor(rep, 'member', rep);
      for (const [key, value] of Object.entries(d.data.expected.november[rep])) expect(await compute(key, scope, november), `${rep} ${key}`).toBeCloseTo(value, 2);
    }
    const team = await scopeFor('marc', 'team');
    for (const [key, value] of Object.entries(d.data.expected.november.team_nord)) expect(await compute(key, team, november), `team ${key}`).toBeCloseTo(value, 2);
  });

  it('ranks revenue per rep', async () => {
    const rows = await revenueByRep(h.database.db, await scopeFor('ada', 'all'), november);
    expect(rows.map((r) => [r.name, r.revenueMinor / 100, r.won])).toEqual(d.data.expected.november.revenue_per_rep);
  });

  it('never returns NaN or Infinity on an empty period', async () => {
    const empty = parsePeriod('2020-01-01..2020-01-31', { now: new Date(d.data.now), timeZone: tz, lang: 'en' });
    const scope = await scopeFor('ada', 'all');
    for (const kpi of kpis) {
      const value = (await kpi.compute(h.database.db, scope, empty)).value;
      if (value !== null) expect(Number.isFinite(value), kpi.key).toBe(true);
    }
    expect(await compute('win_rate', scope, empty)).toBeNull();
    expect(await compute('revenue', scope, empty)).toBe(0);
  });
});

describe('/kpi and /objective on the dataset', () => {
  it('shows figures with the previous period, the change and the objective, in both languages', async () => {
    const rita = d.sessions['rita']!;
    const text = await rita.send('/kpi revenue month');
    // Rita's October revenue is 0: D9's first win (October) was undone by the reopening.
    expect(text).toMatch(/Revenue\s+€37,000 \(before: €0\) — objective €50,000 \(74% reached\)/);
    const fr = await d.sessions['marc']!.send('/kpi ca mois equipe');
    expect(fr).toMatch(/objective €50,000 \(74% reached\)/);
    const manager = await d.sessions['ada']!.as({ user: 'U-ada', locale: 'fr-FR' });
    expect(await manager.send('/kpi taux-de-gain mois tous')).toMatch(/Taux de gain\s+80\u00a0% \([-−]20\u00a0pts · avant\u00a0: 100\u00a0%\)/u);
  });

  it('refuses reps CAC and ROI and other people’s numbers', async () => {
    const rita = d.sessions['rita']!;
    expect(await rita.send('/kpi cac month')).toContain('for managers only');
    expect(await rita.send('/kpi revenue month Sam')).toContain('you see your own numbers only');
    expect(await rita.send('/kpi revenue_per_rep month')).toContain('for managers only');
  });

  it('keeps per-person rankings private in channels unless the workspace allows them', async () => {
    const ada = d.sessions['ada']!;
    await ada.send('/kpi revenue_per_rep month all');
    expect(ada.replies[0]!.visibility).toBe('private');
    expect(ada.replies[0]!.blocks.some((b) => b.type === 'text' && b.text.includes('/settings ranking on'))).toBe(true);
    await ada.send('/settings ranking on');
    const text = await ada.send('/kpi revenue_per_rep month all');
    expect(ada.replies[0]!.visibility).toBe('channel');
    expect(text).toMatch(/1\. Rita: €37,000[\s\S]*2\. Sam: €4,000/);
    await ada.send('/settings ranking off');
    // Team figures asked by a manager may be shared in the channel; one person's stay private.
    await ada.send('/kpi revenue month all');
    expect(ada.replies[0]!.visibility).toBe('channel');
    await ada.send('/kpi revenue month Rita');
    expect(ada.replies[0]!.visibility).toBe('private');
  });

  it('attaches a trend chart (a PNG) unless charts are turned off', async () => {
    const ada = d.sessions['ada']!;
    await ada.send('/kpi revenue month all');
    const image = ada.replies[0]!.blocks.find((b) => b.type === 'image');
    expect(image && image.type === 'image' && Buffer.from(image.png).subarray(1, 4).toString()).toBe('PNG');
    expect(image && image.type === 'image' && image.alt).toMatch(/1 Nov: €41,000/);
    await ada.send('/settings charts off');
    await ada.send('/kpi revenue month all');
    expect(ada.replies[0]!.blocks.some((b) => b.type === 'image')).toBe(false);
    await ada.send('/settings charts on');
  });

  it('sets, lists and removes objectives, with team rules for managers', async () => {
    const marc = d.sessions['marc']!;
    expect(await marc.send('/objective set activities 40 month Rita')).toMatch(/Activities objective for Rita, .* 40\./);
    expect(await marc.send('/objective set revenue 10k month Sam')).toContain('your team (Nord)');
    expect(await marc.send('/objective set revenue 80k month team:Nord')).toMatch(/Revenue objective for team Nord.*€80,000/);
    // The team's own objective now wins over the sum of its members'.
    expect(await marc.send('/kpi quota month team')).toMatch(/46\.3%/);
    const list = await d.sessions['rita']!.send('/objective list');
    expect(list).toMatch(/Activities — Rita, .*: 5 of 40 \(13%\)/);
    expect(list).toMatch(/Revenue — Rita, .*: €37,000 of €50,000 \(74%\)/);
    expect(list).not.toContain('Sam');
    expect(await marc.send('/objective set revenue lots month Rita')).toMatch(/"lots" is not an amount[\s\S]*\/objective set revenue 50k month @marie/);
    expect(await marc.send('/objective set deals 0 month Rita')).toContain('"0" is not a valid target');
    expect(await marc.send('/objective remove activities month Rita')).toContain('removed');
    expect(await marc.send('/objective remove activities month Rita')).toContain('No Activities objective');
    expect(await d.sessions['rita']!.send('/objective set revenue 1 month Rita')).toContain('Only managers and admins can do this');
  });
});
