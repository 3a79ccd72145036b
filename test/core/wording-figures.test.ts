// Issue 16, area B: the figures, pipeline and qualification texts quoted as wrong in the issue,
// through the real bot, in French and in English, with 0, 1 and many where a count is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpis } from '../../src/kpi/kpi.service.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** An admin's English session and the same member in French. */
async function pair(): Promise<{ en: Session; fr: Session }> {
  const en = await h.session({ role: 'admin', name: 'Ada' });
  const fr = await en.as({ user: en.actor.id, name: 'Ada', locale: 'fr-FR' });
  return { en, fr };
}

async function newDeal(s: Session, name: string, amount: string, first: boolean): Promise<void> {
  await s.send(`/deal new "${name}" Acme ${amount}`);
  if (first) await s.click(1); // create the company Acme
}

/** Answers each question by clicking the button with this label. */
async function answerAll(s: Session, labels: string[]): Promise<string> {
  let text = '';
  for (const label of labels) {
    const buttons = s.replies.at(-1)!.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    const index = buttons.findIndex((b) => b.label === label);
    if (index < 0) throw new Error(`no "${label}" in ${JSON.stringify(buttons)}`);
    text = await s.click(index + 1);
  }
  return text;
}

describe('pipeline: one plural per count, no double colon', () => {
  it('says 0, 1 and many deals in both languages', async () => {
    const { en, fr } = await pair();
    // 0: French 0 is singular, English 0 plural.
    let text = await fr.send('/pipe');
    expect(text).toContain(`Sur la période${NBSP}: 0 nouvelle affaire, 0 affaire avancée, 0 gagnée (0${NBSP}€), 0 perdue.`);
    expect(text).toContain(`0 prochaine étape en retard, 0 affaire sans activité depuis 14 jours, 0 affaire non qualifiée.`);
    expect(text).toContain(`Total${NBSP}: 0 affaire en cours · 0${NBSP}€`);
    text = await en.send('/pipeline');
    expect(text).toContain('In the period: 0 new deals, 0 deals moved forward, 0 won (€0), 0 lost.');
    expect(text).toContain('To watch: 0 overdue next steps, 0 deals with no activity for 14 days, 0 unqualified deals.');
    expect(text).toContain('Total: 0 open deals · €0');
    // 1
    await newDeal(en, 'Deal A', '15k', true);
    text = await fr.send('/pipe');
    expect(text).toContain(`Sur la période${NBSP}: 1 nouvelle affaire, 0 affaire avancée`);
    expect(text).toContain('1 affaire non qualifiée.');
    expect(text).toContain(`Total${NBSP}: 1 affaire en cours · 15${NNBSP}000${NBSP}€`);
    expect(text).toContain(`Lead${NBSP}: 1 affaire · 15${NNBSP}000${NBSP}€`);
    expect(text).not.toMatch(/€\s?:/u);
    text = await en.send('/pipeline');
    expect(text).toContain('In the period: 1 new deal, 0 deals moved forward, 0 won (€0), 0 lost.');
    expect(text).toContain('1 unqualified deal.');
    expect(text).toContain('Total: 1 open deal · €15,000');
    expect(text).not.toMatch(/€[\d,]+:/u);
    // many
    await newDeal(en, 'Deal B', '5k', false);
    await newDeal(en, 'Deal C', '2k', false);
    await en.send('/deal won "Deal B"');
    await en.send('/deal lost "Deal C" price');
    text = await fr.send('/pipe');
    expect(text).toContain(`Sur la période${NBSP}: 3 nouvelles affaires, 1 affaire avancée, 1 gagnée (5${NNBSP}000${NBSP}€), 1 perdue.`);
    expect(text).toContain(`Raisons des pertes${NBSP}: Prix (1 affaire).`);
    text = await en.send('/pipeline');
    expect(text).toContain('In the period: 3 new deals, 1 deal moved forward, 1 won (€5,000), 1 lost.');
    expect(text).toContain('Reasons for losses: Price (1 deal).');
  });
});

describe('figures', () => {
  it('prints percentages through Intl: 50 % in French, 50% in English', async () => {
    const { en, fr } = await pair();
    await newDeal(en, 'Won one', '10k', true);
    await newDeal(en, 'Lost one', '10k', false);
    await en.send('/deal won "Won one"');
    await en.send('/deal lost "Lost one" price');
    expect(await en.send('/kpi win_rate')).toMatch(/Win rate\s+50%/u);
    expect(await en.send('/kpi win_rate')).not.toContain('50 %');
    expect(await fr.send('/kpi taux-de-gain')).toMatch(new RegExp(`Taux de gain\\s+50${NBSP}%`, 'u'));
  });

  it('names the sales cycle as the vocabulary does, with days through plural (0 jour, 0 days)', async () => {
    const { en, fr } = await pair();
    await newDeal(en, 'Quick', '10k', true);
    await en.send('/deal won "Quick"');
    expect(await en.send('/kpi avg_time_to_close')).toMatch(/Average sales cycle\s+0 days · median 0 days/u);
    expect(await fr.send('/kpi cycle')).toMatch(/Durée moyenne du cycle de vente\s+0 jour · médiane 0 jour/u);
  });

  it('ranks reps with "1 deal won" / "2 deals won"', async () => {
    const { en, fr } = await pair();
    await newDeal(en, 'R1', '10k', true);
    await en.send('/deal won "R1"');
    expect(await en.send('/kpi revenue_per_rep month all')).toContain('1. Ada: €10,000 (1 deal won)');
    expect(await fr.send('/kpi ca-par-commercial mois tous')).toContain(`1. Ada${NBSP}: 10${NNBSP}000${NBSP}€ (1 affaire gagnée)`);
    await newDeal(en, 'R2', '5k', false);
    await en.send('/deal won "R2"');
    expect(await en.send('/kpi revenue_per_rep month all')).toContain('1. Ada: €15,000 (2 deals won)');
    expect(await fr.send('/kpi ca-par-commercial mois tous')).toContain('(2 affaires gagnées)');
  });

  it('/kpi liste shows each figure with its own one-line definition', async () => {
    const { en, fr } = await pair();
    const english = await en.send('/kpi list');
    const french = await fr.send('/kpi liste');
    for (const kpi of kpis) {
      expect(english).toContain(`${kpi.name.en} (${kpi.key}) — ${kpi.summary.en}`);
      expect(french).toContain(`${kpi.name.fr} (${kpi.key}) — ${kpi.summary.fr}`);
    }
    expect(english).toContain('Average sales cycle (avg_time_to_close) — Average number of days from opening a deal to signing it');
    expect(french).toContain('Durée moyenne du cycle de vente (avg_time_to_close) — Nombre moyen de jours entre l’ouverture d’une affaire et sa signature');
    // Not the glossary's sentence about the sales cycle as a whole.
    expect(french).not.toContain('Durée et enchaînement des étapes');
    expect(english).not.toContain('The length and sequence of steps');
  });
});

describe('qualification', () => {
  it('writes result lines as messages: "Budget : Confirmé" in French, "Budget: Confirmed" in English', async () => {
    const { en, fr } = await pair();
    await newDeal(en, 'Acme renewal', '15k', true);
    let text = await fr.send('/qualifier "Acme renewal"');
    text = await answerAll(fr, ['Confirmé', 'Inconnu', 'En partie', 'Passer']);
    expect(text).toContain(`✅ Budget${NBSP}: Confirmé`);
    expect(text).toContain(`… Autorité${NBSP}: Inconnu`);
    expect(text).toContain(`… Besoin${NBSP}: En partie`);
    expect(text).toContain(`… Calendrier${NBSP}: passé`);
    await en.send('/qualify "Acme renewal"');
    text = await answerAll(en, ['Confirmed', 'No / blocking', 'Unknown', 'Unknown']);
    expect(text).toContain('✅ Budget: Confirmed');
    expect(text).toContain('⛔ Authority: No / blocking');
    expect(text).toContain('… Timing: Unknown');
    expect(text).not.toContain(' : ');
  });

  it('asks the budget tip without a doubled word, and names BANT timing, champion and identified pain as the vocabulary does', async () => {
    const { en, fr } = await pair();
    await newDeal(en, 'Acme renewal', '15k', true);
    await en.send('/qualify "Acme renewal"');
    const text = await answerAll(en, ['Unknown', 'Unknown', 'Unknown', 'Unknown']);
    expect(text).toContain('Next question to ask: "What budget have you set aside for this project this year?"');
    expect(text).not.toMatch(/\b(\w+) \1\b/u);
    expect(await en.send('/qualify "Acme renewal" bant')).toContain('BANT 1/4 · Budget');
    expect(await answerAll(en, ['Unknown', 'Unknown', 'Unknown'])).toContain('BANT 4/4 · Timing — ');
    await answerAll(en, ['Unknown']);
    expect(await fr.send('/qualifier "Acme renewal" bant')).toContain('BANT 1/4 · Budget');
    expect(await answerAll(fr, ['Inconnu', 'Inconnu', 'Inconnu'])).toContain('BANT 4/4 · Calendrier — ');
    await answerAll(fr, ['Inconnu']);
    await fr.send('/qualifier "Acme renewal" meddpicc');
    expect(await answerAll(fr, ['Inconnu', 'Inconnu', 'Inconnu', 'Inconnu', 'Inconnu'])).toContain('MEDDPICC 6/8 · Enjeu identifié — ');
    expect(await answerAll(fr, ['Inconnu'])).toContain('MEDDPICC 7/8 · Champion — ');
    await answerAll(fr, ['Inconnu', 'Inconnu']);
    await en.send('/qualify "Acme renewal" meddpicc');
    expect(await answerAll(en, ['Unknown', 'Unknown', 'Unknown', 'Unknown', 'Unknown'])).toContain('MEDDPICC 6/8 · Identified pain — ');
    expect(await answerAll(en, ['Unknown'])).toContain('MEDDPICC 7/8 · Champion — ');
  });

  it('offers one way to cancel per question: the Cancel button, not a typed word in the hint', async () => {
    const { en, fr } = await pair();
    await newDeal(en, 'Acme renewal', '15k', true);
    for (const [s, command, cancel] of [[fr, '/qualifier "Acme renewal"', /annuler/giu], [en, '/qualify "Acme renewal"', /cancel/giu]] as const) {
      await s.send(command);
      const reply = s.replies.at(-1)!;
      const texts = reply.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
      const buttons = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((button) => button.label) : []));
      expect(texts.join('\n').match(cancel) ?? []).toEqual([]);
      expect(buttons.filter((label) => cancel.test(label))).toHaveLength(1);
      await s.click(buttons.length);
    }
  });
});

describe('settings', () => {
  it('says "1 an" / "1 year" and "3 ans" / "3 years" for retention, without "(s)"', async () => {
    const { en, fr } = await pair();
    expect(await fr.send('/reglages conservation oui ans:1')).toContain('sans activité depuis 1 an seront effacés');
    expect(await fr.send('/reglages conservation non ans:3')).toContain('sans activité depuis 3 ans sera envoyée');
    expect(await en.send('/settings retention on years:1')).toContain('with no activity for 1 year will be erased');
    expect(await en.send('/settings retention off years:3')).toContain('with no activity for 3 years will be sent');
  });
});
