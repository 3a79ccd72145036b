// The objective texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const objectiveMessages = defineMessages({
  fr: {
    set: 'Objectif {metric} pour {who} du {from} au {to} : {target}.',
    removed: 'Objectif {metric} de {who} supprimé.',
    list_title: 'Objectifs du {from} au {to}',
    none: 'Aucun objectif sur cette période. Exemple : {example}',
    line: '{metric} — {who}, du {from} au {to} : {achieved} sur {target} ({ratio, number, ::percent})',
  },
  en: {
    set: '{metric} objective for {who}, {from} to {to}: {target}.',
    removed: '{metric} objective for {who} removed.',
    list_title: 'Objectives, {from} to {to}',
    none: 'No objectives for this period. Example: {example}',
    line: '{metric} — {who}, {from} to {to}: {achieved} of {target} ({ratio, number, ::percent})',
  },
});
