// The fixed vocabularies members type: activity kinds, directions, outcomes, lost reasons.
// Labels are shown in help and on buttons; aliases are the other words people use for them.
import type { ArgChoice } from '../../core/registry.ts';
import { localized } from '../../core/i18n/i18n.ts';

export const activityTypeChoices: ArgChoice[] = [
  { value: 'call', label: { fr: 'Appel', en: 'Call' }, aliases: ['appel', 'tel', 'telephone', 'phone', 'coup de fil'] },
  { value: 'email', label: { fr: 'E-mail', en: 'Email' }, aliases: ['mail', 'courriel', 'e-mail'] },
  { value: 'meeting', label: { fr: 'Rendez-vous', en: 'Meeting' }, aliases: ['rdv', 'reunion', 'réunion', 'rendez-vous', 'visio', 'meet'] },
  { value: 'demo', label: { fr: 'Démo', en: 'Demo' }, aliases: ['démo', 'demonstration', 'démonstration'] },
  { value: 'note', label: { fr: 'Note', en: 'Note' }, aliases: ['memo', 'mémo'] },
];

export const directionChoices: ArgChoice[] = [
  { value: 'inbound', label: { fr: 'Entrant', en: 'Inbound' }, aliases: ['in', 'entrant', 'entrante', 'recu', 'reçu', 'incoming'] },
  { value: 'outbound', label: { fr: 'Sortant', en: 'Outbound' }, aliases: ['out', 'sortant', 'sortante', 'emis', 'émis', 'outgoing'] },
];

export const outcomeChoices: ArgChoice[] = [
  { value: 'done', label: { fr: 'Fait', en: 'Done' }, aliases: ['fait', 'ok', 'termine', 'terminé'] },
  { value: 'no_answer', label: { fr: 'Pas de réponse', en: 'No answer' }, aliases: ['no-answer', 'noanswer', 'pas-de-reponse', 'injoignable', 'sans-reponse'] },
  { value: 'voicemail', label: { fr: 'Messagerie', en: 'Voicemail' }, aliases: ['messagerie', 'repondeur', 'répondeur', 'vm'] },
  { value: 'no_show', label: { fr: 'Absent (no-show)', en: 'No-show' }, aliases: ['no-show', 'noshow', 'absent', 'absente', 'lapin'] },
  { value: 'positive', label: { fr: 'Positif', en: 'Positive' }, aliases: ['positif', 'positive', 'bien', 'good'] },
  { value: 'negative', label: { fr: 'Négatif', en: 'Negative' }, aliases: ['negatif', 'négatif', 'negative', 'bad'] },
  { value: 'rescheduled', label: { fr: 'Reporté', en: 'Rescheduled' }, aliases: ['reporte', 'reporté', 'reprogramme', 'reprogrammé', 'decale', 'décalé'] },
];

export const lostReasonChoices: ArgChoice[] = [
  { value: 'price', label: { fr: 'Prix', en: 'Price' }, aliases: ['prix', 'trop cher', 'tarif'] },
  { value: 'timing', label: { fr: 'Mauvais moment', en: 'Bad timing' }, aliases: ['calendrier', 'timing', 'pas le moment', 'trop tot', 'trop tard'] },
  { value: 'competitor', label: { fr: 'Concurrent', en: 'Competitor' }, aliases: ['concurrent', 'concurrence', 'competition'] },
  { value: 'no_need', label: { fr: 'Pas de besoin', en: 'No need' }, aliases: ['besoin', 'pas-de-besoin', 'no-need', 'need'] },
  { value: 'no_budget', label: { fr: 'Pas de budget', en: 'No budget' }, aliases: ['budget', 'pas-de-budget', 'no-budget'] },
  { value: 'no_decision', label: { fr: 'Pas de décision', en: 'No decision' }, aliases: ['decision', 'pas-de-decision', 'no-decision', 'silence', 'ghosting'] },
  { value: 'other', label: { fr: 'Autre', en: 'Other' }, aliases: ['autre', 'other'] },
];

/** Label of a choice value in a language (the value itself when unknown). */
export const choiceLabel = (choices: ArgChoice[], value: string | null | undefined, lang: 'fr' | 'en'): string =>
  value ? ((label) => (label ? localized(label, lang) : value))(choices.find((choice) => choice.value === value)?.label) : '';

export const objectiveMetricChoices: ArgChoice[] = [
  { value: 'revenue', label: { fr: "Chiffre d’affaires", en: 'Revenue' }, aliases: ['ca', 'chiffre d affaires', 'revenu', 'revenue', 'sales'] },
  { value: 'deals_won', label: { fr: 'Affaires gagnées', en: 'Deals won' }, aliases: ['affaires', 'deals', 'ventes', 'signatures', 'gagnees', 'won'] },
  { value: 'activities', label: { fr: 'Activités', en: 'Activities' }, aliases: ['activites', 'activite', 'activities', 'activity', 'actions'] },
];
