// The settings texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const settingsMessages = defineMessages({
  fr: {
    retention_on: 'Les contacts sans activité depuis {years, plural, one {# an} other {# ans}} seront effacés automatiquement chaque lundi.',
    retention_off: 'Pas d’effacement automatique : la liste des contacts sans activité depuis {years, plural, one {# an} other {# ans}} sera envoyée aux administrateurs chaque lundi.',
    qualification_set: 'Qualification par défaut : {framework}. Une affaire est qualifiée à partir de {qualified}/100, à faire mûrir à partir de {nurture}/100.',
    publicRanking_on: 'Les classements par personne sont autorisés dans les canaux.',
    publicRanking_off: 'Les classements par personne ne seront envoyés qu’en privé.',
    charts_on: 'Les graphiques s’affichent sous les chiffres.',
    charts_off: 'Plus de graphiques : les chiffres seuls.',
  },
  en: {
    retention_on: 'Contacts with no activity for {years, plural, one {# year} other {# years}} will be erased automatically every Monday.',
    retention_off: 'No automatic erasure: the list of contacts with no activity for {years, plural, one {# year} other {# years}} will be sent to admins every Monday.',
    qualification_set: 'Default qualification: {framework}. A deal is qualified from {qualified}/100 and to nurture from {nurture}/100.',
    publicRanking_on: 'Per-person rankings are allowed in channels.',
    publicRanking_off: 'Per-person rankings will only be sent privately.',
    charts_on: 'Charts now appear under the figures.',
    charts_off: 'No more charts: figures only.',
  },
});
