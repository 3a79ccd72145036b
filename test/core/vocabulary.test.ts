// One vocabulary: every term a command names is found by /define (/definir) and shows the same
// name there. Terms are looked up through the glossary index the /define command searches, and
// names are compared after trimming (shared/domain/writing-style.md, "Vocabulary").
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/core/types.ts';
import { choiceLabel, lostReasonChoices } from '../../src/commands/shared/choices.ts';
import { kpis } from '../../src/kpi/kpi.service.ts';
import { frameworks } from '../../src/qualification/frameworks.ts';
import { builtInGlossary } from '../../src/services/glossary.service.ts';

type Named = { where: string; fr: string; en: string };

/** The vocabulary table: one term per concept, the same in commands and in the glossary. */
const VOCABULARY: Named[] = [
  { where: 'deal', fr: 'Affaire', en: 'Deal' },
  { where: 'next step', fr: 'Prochaine étape', en: 'Next step' },
  { where: 'follow-up', fr: 'Relance', en: 'Follow-up' },
  { where: 'closing', fr: 'Closing', en: 'Closing' },
  { where: 'sales cycle length', fr: 'Durée moyenne du cycle de vente', en: 'Average sales cycle' },
  { where: 'champion', fr: 'Champion', en: 'Champion' },
  { where: 'pain', fr: 'Enjeu identifié', en: 'Identified pain' },
  { where: 'BANT timing', fr: 'Calendrier', en: 'Timing' },
  { where: 'no-show', fr: 'Absence', en: 'No-show' },
  { where: 'proposal', fr: 'Proposition commerciale', en: 'Proposal' },
  { where: 'revenue', fr: 'Chiffre d’affaires', en: 'Revenue' },
  { where: 'cross-sell', fr: 'Vente croisée', en: 'Cross-sell' },
  { where: 'upsell', fr: 'Montée en gamme', en: 'Upsell' },
];

const named = (): Named[] => [
  ...kpis.map((kpi) => ({ where: `kpi ${kpi.key}`, fr: kpi.name.fr, en: kpi.name.en })),
  ...Object.values(frameworks).map((framework) => ({ where: `framework ${framework.key}`, fr: framework.name, en: framework.name })),
  ...Object.values(frameworks).flatMap((framework) => framework.criteria.map((criterion) => ({ where: `${framework.name} ${criterion.key}`, ...criterion.name }))),
  ...VOCABULARY.map((term) => ({ ...term, where: `vocabulary ${term.where}` })),
];

/** What /define shows for a name: the name of the term found, or why none is. */
function shownFor(name: string, lang: Lang): string {
  const match = builtInGlossary().search(name);
  if (match.best) return match.best[lang].name.trim();
  return match.candidates.length > 0 ? `(no single term; candidates: ${match.candidates.map((entry) => entry[lang].name).join(', ')})` : '(not found)';
}

describe('one vocabulary', () => {
  it('finds every figure, framework, criterion and vocabulary term under the name the commands show', () => {
    const mismatches: string[] = [];
    for (const term of named()) {
      for (const lang of ['fr', 'en'] as const) {
        const name = term[lang].trim();
        const shown = shownFor(name, lang);
        if (shown !== name) mismatches.push(`${term.where} (${lang}): the command says "${name}", /define shows ${JSON.stringify(shown)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('has Champion as its own term, not the internal influencer', () => {
    const index = builtInGlossary();
    const champion = index.search('champion').best;
    expect(champion?.fr.name).toBe('Champion');
    expect(champion?.en.name).toBe('Champion');
    const influencer = index.search('influenceur interne').best;
    expect(influencer?.id).not.toBe(champion?.id);
    expect(influencer?.en.name).not.toBe('Champion');
  });

  it('has one cross-sell term, found by its French and English names and the old spellings', () => {
    const index = builtInGlossary();
    const ids = new Set(['cross-sell', 'vente croisée', 'cross-selling', 'vente croisee', 'cross selling'].map((query) => index.search(query).best?.id));
    expect(ids.size).toBe(1);
    expect([...index.entries.values()].filter((entry) => entry.en.name === 'Cross-sell' || entry.en.name === 'Cross-selling')).toHaveLength(1);
  });

  it('has one upsell term, « Montée en gamme » / "Upsell", apart from moving a whole offer upmarket', () => {
    const index = builtInGlossary();
    const upsell = index.search('montée en gamme').best!;
    expect(upsell.fr.name).toBe('Montée en gamme');
    expect(upsell.en.name).toBe('Upsell');
    for (const query of ['upsell', 'upselling', 'up-sell', 'montee en gamme', 'c’est quoi la montée en gamme']) expect(index.search(query).best?.id, query).toBe(upsell.id);
    // The marketing term: an offer or a customer base repositioned upmarket, under its own name.
    const upmarket = index.search('repositionnement haut de gamme').best!;
    expect(upmarket.id).not.toBe(upsell.id);
    expect(upmarket.en.name).toBe('Moving upmarket');
    expect(index.search('moving upmarket').best?.id).toBe(upmarket.id);
    const named = [...index.entries.values()].filter((entry) => ['montée en gamme', 'upsell'].includes(entry.fr.name.toLowerCase()) || entry.en.name === 'Upsell');
    expect(named.map((entry) => entry.id)).toEqual([upsell.id]);
  });

  it('calls the lost reason "timing" « Mauvais moment » / "Bad timing", not the BANT criterion’s name', () => {
    // The glossary has no term for this lost reason: the label is checked against the table.
    expect(choiceLabel(lostReasonChoices, 'timing', 'fr')).toBe('Mauvais moment');
    expect(choiceLabel(lostReasonChoices, 'timing', 'en')).toBe('Bad timing');
  });

  it('uses no other name for BANT’s T than calendrier / timing', () => {
    const bant = builtInGlossary().search('BANT').best!;
    expect(bant.fr.definition).toContain('Calendrier');
    expect(bant.fr.definition).not.toMatch(/Délai \(/);
    expect(bant.en.definition).toContain('Timing');
  });

  it('states the prior-consent rule for phone prospecting of consumers (since 11 August 2026)', () => {
    const index = builtInGlossary();
    for (const query of ['bloctel', 'appel à froid']) {
      const term = index.search(query).best!;
      expect(term.fr.definition, query).toContain('11 août 2026');
      expect(term.fr.definition, query).toMatch(/consentement préalable/);
      expect(term.fr.definition, query).toMatch(/ne suffit plus/);
      expect(term.en.definition, query).toContain('11 August 2026');
      expect(term.en.definition, query).toMatch(/prior consent/);
    }
  });

  it('spells e-mail and amounts one way in each language', () => {
    for (const entry of builtInGlossary().entries.values()) {
      // « Cold email » and « Email finder » are the names of terms, quoted as such.
      const frProse = entry.fr.definition.replace(/[Cc]old emails?|[Ee]mail finders?/g, '');
      expect(frProse, entry.id).not.toMatch(/(?<![-\p{L}])[Ee]mails?\b|boîte mail|k€/u);
      expect(entry.en.definition, entry.id).not.toMatch(/\bEUR\b|\be-mails?\b/);
    }
  });
});
