// The stages texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both). Outcomes agree with « affaire »: gagnée, perdue.
import { defineMessages } from '../define-messages.ts';

export const stagesMessages = defineMessages({
  fr: {
    title: 'Étapes du pipeline',
    line: '{position}. {name} ({key}) — {probability}',
    line_closed: '{position}. {name} ({key}) — {probability} — {outcome, select, won {étape finale (gagnée)} other {étape finale (perdue)}}',
    outcome_open: 'en cours',
    outcome_won: 'gagnée',
    outcome_lost: 'perdue',
    renamed: 'Étape « {from} » renommée en « {to} ».',
    moved: 'Nouvel ordre : {order}.',
    probability_set: 'Étape « {stage} » : probabilité de gain {probability}.',
    added: 'Étape « {name} » ajoutée ({probability}).',
  },
  en: {
    title: 'Pipeline stages',
    line: '{position}. {name} ({key}) — {probability}',
    line_closed: '{position}. {name} ({key}) — {probability} — {outcome, select, won {final stage (won)} other {final stage (lost)}}',
    outcome_open: 'open',
    outcome_won: 'won',
    outcome_lost: 'lost',
    renamed: 'Stage "{from}" renamed to "{to}".',
    moved: 'New order: {order}.',
    probability_set: 'Stage "{stage}": win probability {probability}.',
    added: 'Stage "{name}" added ({probability}).',
  },
});
