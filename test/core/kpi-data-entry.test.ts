// The data behind CAC, ROI, NPS, CSAT, churn and retention, entered from chat; and /pipeline
// filters and chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../support/chat-harness.ts';
import { loadKpiDataset } from '../support/kpi-dataset.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

describe('spend, surveys and churn', () => {
  it('records spend and shows it in CAC and ROI', async () => {
    const s = await h.session({ role: 'manager', name: 'Marc' });
    await s.send('/deal new "Big deal" Acme 20k');
    await s.click(1);
    await s.send('/deal won "Big deal"');
    expect(await s.send('/spend 4k month marketing "trade fair"')).toMatch(/Marketing spend of €4,000 recorded .* Period total: €4,000\./);
    expect(await s.send('/spend 1k month sales')).toContain('Period total: €5,000.');
    expect(await s.send('/kpi cac month all')).toMatch(/\(CAC\)\s+€5,000/);
    expect(await s.send('/kpi roi month all')).toMatch(/Sales ROI\s+300%/);
    expect(await s.send('/spend -3k month')).toContain('An amount cannot be negative');
    const rep = await s.as({ role: 'rep' });
    expect(await rep.send('/spend 1k month')).toContain('Only managers and admins can do this');
  });

  it('reads spend and revenue objectives by the same amount rules: ambiguous ones asked back, TTC flagged', async () => {
    const s = await h.session({ role: 'manager', name: 'Marc', locale: 'fr-FR' });
    expect(await s.send('/depenses 4,500 mois marketing')).toContain('Montant «\u202f4,500\u202f»\u00a0: 4\u202f500\u00a0€ ou 4,50\u00a0€\u202f?');
    expect(await s.click(1)).toContain('Total de la période\u00a0: 4\u202f500\u00a0€');
    const ttc = await s.send('/depenses 1.200 € TTC mois ventes');
    expect(ttc).toContain('Total de la période\u00a0: 5\u202f700\u00a0€');
    expect(ttc).toContain('Montant enregistré TTC, tel que saisi\u00a0: 1\u202f200\u00a0€.');
    expect(await s.send('/depenses 1.200 € HT mois ventes')).not.toContain('TTC');
    expect(await s.send('/objectif fixer ca 50,000 mois tous')).toContain('50\u202f000\u00a0€ ou 50,00\u00a0€');
    expect(await s.click(1)).toContain('50\u202f000\u00a0€');
    expect(await s.send('/objectif fixer ca 60.000 mois tous')).toContain('60\u202f000\u00a0€');
  });

  it('logs NPS and CSAT answers with range checks', async () => {
    const s = await h.session({ role: 'manager' });
    expect(await s.send('/survey nps 11 Acme')).toMatch(/A NPS score goes from 0 to 10\.[\s\S]*\/survey nps 9/);
    expect(await s.send('/survey nps 10 Acme')).toContain('Create company "Acme"');
    expect(await s.click(1)).toContain('NPS answer recorded for Acme: 10/10.');
    await s.send('/survey nps 3 Acme');
    await s.send('/survey csat 4 Acme');
    expect(await s.send('/kpi nps month')).toMatch(/NPS\) \(whole company\)\s+0/);
    expect(await s.send('/kpi csat month')).toMatch(/CSAT\) \(whole company\)\s+100%/);
    const fr = await s.as({ role: 'manager', locale: 'fr-FR' });
    expect(await fr.send('/enquete csat 9 Acme')).toContain('Une note CSAT va de 1 à 5');
  });

  it('records churn for current customers only, and retention follows', async () => {
    const s = await h.session({ role: 'admin' });
    await s.send('/deal new "First order" Zeta 5k');
    await s.click(1);
    h.clock.now = new Date('2026-10-10T09:00:00Z');
    await s.send('/deal won "First order"');
    h.clock.now = new Date('2026-11-24T09:00:00Z');
    expect(await s.send('/churn Nowhere')).toContain('Nowhere');
    expect(await s.send('/churn Zeta moved to a competitor')).toContain('Zeta is now a lost customer');
    expect(await s.send('/churn Zeta')).toContain('not a current customer');
    expect(await s.send('/kpi churn month all')).toMatch(/Churn rate\s+100% \(before: no data\)/);
    expect(await s.send('/kpi retention month all')).toMatch(/retention rate\s+0%/i);
    expect(await s.send('/kpi new_customers last-month all')).toMatch(/New customers\s+1/);
  });
});

describe('/pipeline filters and chart', () => {
  it('filters by stage, qualification and owner, and attaches the stage chart', async () => {
    const { sessions } = await loadKpiDataset(h);
    const ada = sessions['ada']!;
    const all = await ada.send('/pipeline month all');
    expect(all).toContain('Total: 3 open deals · €26,000');
    const chart = ada.replies[0]!.blocks.find((b) => b.type === 'image');
    expect(chart && chart.type === 'image' && chart.alt).toMatch(/Proposal: 1 deal · €8,000/);
    expect(ada.replies[0]!.visibility).toBe('channel');
    expect(await ada.send('/pipeline month all stage:proposal')).toMatch(/Filters: Proposal\.[\s\S]*Total: 1 open deal · €8,000/);
    expect(await ada.send('/pipeline month all qualification:none')).toContain('Total: 3 open deals · €26,000');
    expect(await ada.send('/pipeline month all qualification:qualified')).toContain('Total: 0 open deals · €0');
    expect(await ada.send('/pipeline month Sam')).toContain('Total: 1 open deal · €12,000');
    expect(ada.replies[0]!.visibility).toBe('private');
    expect(await ada.send('/pipeline month all stage:nowhere')).toContain('nowhere');
  });
});
