import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, previousPeriod, startOfLocalDay } from '../../src/kpi/period.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

describe('periods', () => {
  const options = { now: new Date('2026-11-24T09:00:00Z'), timeZone: 'Europe/Paris', lang: 'en' as const };
  it('computes calendar periods in the workspace time zone, and the previous one', () => {
    expect(parsePeriod('week', options)).toMatchObject({ from: '2026-11-23', to: '2026-11-30' });
    expect(parsePeriod('last-week', options)).toMatchObject({ from: '2026-11-16', to: '2026-11-23' });
    expect(parsePeriod('trimestre', options)).toMatchObject({ from: '2026-10-01', to: '2027-01-01' });
    expect(parsePeriod('30j', options)).toMatchObject({ from: '2026-10-26', to: '2026-11-25' });
    expect(previousPeriod(parsePeriod('month', options), 'Europe/Paris')).toMatchObject({ from: '2026-10-01', to: '2026-11-01' });
    expect(startOfLocalDay('2026-11-23', 'Europe/Paris').toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'Europe/Paris').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(() => parsePeriod('whenever', options)).toThrow();
  });
});

async function scenario(): Promise<Session> {
  const s = await h.session({ role: 'admin', name: 'Ada' });
  for (const [name, amount] of [['A', '10k'], ['B', '20k'], ['C', '5k']] as const) {
    await s.send(`/deal new "Deal ${name}" Acme ${amount}`);
    if (name === 'A') await s.click(1);
  }
  await s.send('/deal won "Deal A"');
  await s.send('/deal won "Deal B"');
  await s.send('/deal lost "Deal C" price');
  await s.send('/log call "Marie Curie" outbound no-answer');
  await s.click(1); // create the contact (a person's name: offered first)
  await s.send('/log call "Marie Curie" outbound positive');
  await s.send('/log meeting "Marie Curie" no-show');
  await s.send('/log meeting "Marie Curie" done');
  return s;
}

describe('/kpi', () => {
  it('shows the default set for this week against last week, with hand-computed values', async () => {
    const s = await scenario();
    const text = await s.send('/kpi');
    expect(text).toContain('Activities');
    expect(text).toMatch(/Activities\s+4/);
    expect(text).toMatch(/New deals\s+3/);
    expect(text).toMatch(/Deals won\s+2/);
    expect(text).toMatch(/Revenue\s+€30,000 \(before: €0\)/);
    expect(text).toMatch(/Win rate\s+66\.7%/);
    expect(await s.send('/kpi average_deal_size')).toMatch(/Average deal size\s+€15,000/);
    expect(await s.send('/kpi no-show')).toMatch(/No-show rate\s+50%/);
    expect(await s.send('/kpi response_rate')).toMatch(/Response rate\s+100%/);
  });

  it('says "no data" for an empty period instead of NaN', async () => {
    const s = await scenario();
    const text = await s.send('/kpi win_rate last-week');
    expect(text).toMatch(/Win rate\s+no data/);
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('refuses a rep asking for someone else, and lists the figures', async () => {
    const s = await scenario();
    const rep = await s.as({ role: 'rep', name: 'Rita' });
    expect(await rep.send('/kpi revenue month all')).toContain('you see your own numbers only');
    expect(await rep.send('/kpi revenue month Ada')).toContain('you see your own numbers only');
    expect(await s.send('/kpi revenue month Rita')).toMatch(/Revenue\s+€0/);
    expect(await s.send('/kpi list')).toContain('Win rate (win_rate) — Share of deals won among those closed (won or lost) in the period.');
  });
});

const images = (s: Session) => s.replies.flatMap((reply) => reply.blocks).filter((block) => block.type === 'image');

describe('charts only when there is data', () => {
  it('/kpi in an empty workspace gives the figures and no chart', async () => {
    const s = await h.session({ role: 'admin', name: 'Eve' });
    expect(await s.send('/kpi')).toMatch(/Activities\s+0/);
    expect(images(s)).toEqual([]);
    expect(await s.send('/kpi deals_won quarter')).toMatch(/Deals won\s+0/);
    expect(images(s)).toEqual([]);
    // A rate with nothing to divide by in any period: "no data", and no chart of nothing.
    expect(await s.send('/kpi win_rate')).toMatch(/Win rate\s+no data/);
    expect(images(s)).toEqual([]);
    const fr = await s.as({ role: 'admin', name: 'Élise', locale: 'fr' });
    expect(await fr.send('/kpi ca')).toMatch(/Chiffre d’affaires\s+0/);
    expect(images(fr)).toEqual([]);
  });

  it('/kpi with data attaches the chart, a real zero among values included', async () => {
    const s = await scenario();
    await s.send('/kpi');
    const [chart] = images(s);
    expect(chart && chart.type === 'image' && chart.alt).toMatch(/^Activities trend chart: .*23 Nov: 4$/);
    // Six months, one of them with wins: the five empty months are real zeros next to it.
    await s.send('/kpi deals_won month');
    const [won] = images(s);
    expect(won && won.type === 'image' && won.alt).toMatch(/1 Jun: 0, .* and 1 Nov: 2$/);
    // Six quarters span 18 months: the labels say the year.
    await s.send('/kpi deals_won quarter');
    const [quarters] = images(s);
    expect(quarters && quarters.type === 'image' && quarters.alt).toMatch(/Jul 2025: 0, Oct 2025: 0, .* and Oct 2026: 2$/);
  });

  it('/pipeline with no open deal has no stage chart; with one, it does', async () => {
    const s = await h.session({ role: 'admin', name: 'Eve' });
    expect(await s.send('/pipeline')).toContain('Total: 0 open deals · €0');
    expect(images(s)).toEqual([]);
    // Deals that are all closed leave no open deal to draw either.
    const closed = await scenario();
    expect(await closed.send('/pipeline')).toContain('Total: 0 open deals · €0');
    expect(images(closed)).toEqual([]);
    await closed.send('/deal new "Deal D" Acme 40k');
    await closed.send('/pipeline');
    const [chart] = images(closed);
    expect(chart && chart.type === 'image' && chart.alt).toMatch(/^Pipeline by stage chart: .*\b1 deal · €40,000/);
  });
});

describe('/pipeline', () => {
  it('summarises open deals by stage, forecast, movements and attention points', async () => {
    const s = await scenario();
    await s.send('/deal new "Deal D" Acme 40k close:30/11');
    await s.send('/deal stage "Deal D" proposal');
    await s.send('/deal next "Deal D" "Call back" 20/11/2026');
    const text = await s.send('/pipeline');
    expect(text).toContain('Total: 1 open deal · €40,000');
    expect(text).toMatch(/Proposal: 1 deal · €40,000 \(weighted: €24,000\)/);
    expect(text).toContain('Weighted forecast of the deals expected to close in the period: €24,000.');
    expect(text).toContain('In the period: 4 new deals, 3 deals moved forward, 2 won (€30,000), 1 lost.');
    expect(text).toContain('Reasons for losses: Price (1 deal).');
    expect(text).toContain('#');
    expect(text).toContain('1 overdue next step,');
    const rep = await s.as({ role: 'rep' });
    expect(await rep.send('/pipeline month all')).toContain('you see your own numbers only');
  });
});
