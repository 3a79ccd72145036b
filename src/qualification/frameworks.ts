// Qualification frameworks as data (methods.md): each criterion with its question, the usual
// answers and their points, and a tip — the open question to ask the prospect next.
import type { Localized } from '../core/registry.ts';

export type AnswerValue = 'confirmed' | 'partial' | 'unknown' | 'negative';

/** Points per answer, as a share of the criterion's weight. */
export const ANSWER_SHARE: Record<AnswerValue, number> = { confirmed: 1, partial: 0.5, unknown: 0, negative: 0 };

export const answerLabels: Record<AnswerValue, Localized> = {
  confirmed: { fr: 'Confirmé', en: 'Confirmed' },
  partial: { fr: 'En partie', en: 'Partly' },
  unknown: { fr: 'Inconnu', en: 'Unknown' },
  negative: { fr: 'Non / bloquant', en: 'No / blocking' },
};

export interface Criterion {
  key: string;
  name: Localized;
  question: Localized;
  /** What to ask the prospect when this criterion is not confirmed. */
  tip: Localized;
  weight: number;
}

export interface Framework {
  key: 'bant' | 'meddic' | 'meddpicc';
  name: string;
  criteria: Criterion[];
}

const c = (key: string, name: Localized, question: Localized, tip: Localized, weight = 1): Criterion => ({ key, name, question, tip, weight });

const metrics = c('metrics', { fr: 'Métriques', en: 'Metrics' }, { fr: 'Le client a-t-il chiffré le gain attendu (temps, argent, risque) ?', en: 'Has the customer put a number on the expected gain (time, money, risk)?' }, { fr: '« Comment mesurerez-vous le succès de ce projet dans six mois ? »', en: '"How will you measure the success of this project six months from now?"' });
const economicBuyer = c('economic_buyer', { fr: 'Décideur économique', en: 'Economic buyer' }, { fr: 'Connaissez-vous la personne qui signe et dispose du budget, et lui avez-vous parlé ?', en: 'Do you know the person who signs and owns the budget, and have you spoken to them?' }, { fr: '« Qui, chez vous, valide une dépense de ce montant ? »', en: '"Who on your side signs off on spending of this size?"' });
const decisionCriteria = c('decision_criteria', { fr: 'Critères de décision', en: 'Decision criteria' }, { fr: 'Connaissez-vous les critères sur lesquels ils choisiront ?', en: 'Do you know the criteria they will decide on?' }, { fr: '« Qu’est-ce qui fera pencher votre choix entre deux solutions ? »', en: '"What will tip your choice between two solutions?"' });
const decisionProcess = c('decision_process', { fr: 'Processus de décision', en: 'Decision process' }, { fr: 'Connaissez-vous les étapes et les personnes jusqu’à la signature ?', en: 'Do you know the steps and the people involved up to signature?' }, { fr: '« Une fois convaincus, que se passe-t-il jusqu’à la signature ? »', en: '"Once you are convinced, what happens before the contract is signed?"' });
const pain = c('identify_pain', { fr: 'Enjeu identifié', en: 'Identified pain' }, { fr: 'Le problème à résoudre est-il clair, important et urgent pour eux ?', en: 'Is the problem to solve clear, important and urgent for them?' }, { fr: '« Que se passe-t-il si vous ne changez rien cette année ? »', en: '"What happens if you change nothing this year?"' });
const champion = c('champion', { fr: 'Champion', en: 'Champion' }, { fr: 'Avez-vous un allié en interne qui défend votre solution ?', en: 'Do you have an internal ally who argues for your solution?' }, { fr: '« Qui, chez vous, a le plus à gagner à ce projet ? »', en: '"Who on your side has the most to gain from this project?"' });

export const frameworks: Record<Framework['key'], Framework> = {
  bant: {
    key: 'bant',
    name: 'BANT',
    criteria: [
      c('budget', { fr: 'Budget', en: 'Budget' }, { fr: 'Un budget est-il disponible pour ce projet ?', en: 'Is there a budget for this project?' }, { fr: '« Quelle enveloppe avez-vous prévue pour ce sujet cette année ? »', en: '"What budget have you set aside for this project this year?"' }),
      c('authority', { fr: 'Autorité', en: 'Authority' }, { fr: 'Votre contact est-il le décideur, ou le connaissez-vous ?', en: 'Is your contact the decision maker, or do you know who is?' }, { fr: '« Qui d’autre participera à la décision ? »', en: '"Who else will take part in the decision?"' }),
      c('need', { fr: 'Besoin', en: 'Need' }, { fr: 'Le besoin est-il réel et prioritaire pour eux ?', en: 'Is the need real and a priority for them?' }, { fr: '« Qu’est-ce qui vous a amené à chercher une solution maintenant ? »', en: '"What made you look for a solution now?"' }),
      c('timing', { fr: 'Calendrier', en: 'Timing' }, { fr: 'Savez-vous quand ils décideront et achèteront ?', en: 'Do you know when they will decide and buy?' }, { fr: '« Pour quand la solution doit-elle être en place ? »', en: '"When does the solution need to be in place?"' }),
    ],
  },
  meddic: { key: 'meddic', name: 'MEDDIC', criteria: [metrics, economicBuyer, decisionCriteria, decisionProcess, pain, champion] },
  meddpicc: {
    key: 'meddpicc',
    name: 'MEDDPICC',
    criteria: [
      metrics,
      economicBuyer,
      decisionCriteria,
      decisionProcess,
      c('paper_process', { fr: 'Processus contractuel', en: 'Paper process' }, { fr: 'Connaissez-vous le circuit juridique et achats jusqu’au contrat signé ?', en: 'Do you know the legal and procurement path to a signed contract?' }, { fr: '« Quelles validations juridiques ou achats faut-il prévoir ? »', en: '"Which legal or purchasing approvals should we plan for?"' }),
      pain,
      champion,
      c('competition', { fr: 'Concurrence', en: 'Competition' }, { fr: 'Savez-vous contre qui (ou quoi, le statu quo compris) vous êtes en concurrence ?', en: 'Do you know who (or what, status quo included) you are up against?' }, { fr: '« Quelles autres options étudiez-vous ? »', en: '"Which other options are you considering?"' }),
    ],
  },
};

export type Verdict = 'qualified' | 'nurture' | 'disqualified';

/** Thresholds on the score (0–100): qualified from 75, to nurture from 40; any blocking answer disqualifies. */
export const DEFAULT_THRESHOLDS = { qualified: 75, nurture: 40 };

export function scoreAnswers(
  framework: Framework,
  answers: Record<string, AnswerValue | 'skipped'>,
  thresholds: { qualified: number; nurture: number } = DEFAULT_THRESHOLDS,
): { score: number; verdict: Verdict; gaps: Criterion[] } {
  const total = framework.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  let points = 0;
  let blocking = false;
  const gaps: Criterion[] = [];
  for (const criterion of framework.criteria) {
    const answer = answers[criterion.key] ?? 'skipped';
    if (answer === 'negative') blocking = true;
    if (answer !== 'skipped') points += criterion.weight * ANSWER_SHARE[answer];
    if (answer !== 'confirmed') gaps.push(criterion);
  }
  const score = Math.round((100 * points) / total);
  const verdict: Verdict = blocking ? 'disqualified' : score >= thresholds.qualified ? 'qualified' : score >= thresholds.nurture ? 'nurture' : 'disqualified';
  return { score, verdict, gaps };
}
