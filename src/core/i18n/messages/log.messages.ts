// The log texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const logMessages = defineMessages({
  fr: {
    logged: '✅ {what} enregistré pour {target}.',
    on: 'Date : {date}.',
    next_step: 'Prochaine étape : {step}, pour le {date}.',
    ask_due: 'Pour quand est la prochaine étape ?',
    optout_confirm_phone: '⚠ {name} s’est opposé(e) aux appels. Noter quand même cet appel sortant ? (ce sera consigné)',
    optout_confirm_email: '⚠ {name} s’est opposé(e) aux e-mails. Noter quand même cet e-mail sortant ? (ce sera consigné)',
    optout_yes: 'Oui, noter',
    optout_no: 'Non',
    optout_recorded: 'Contact malgré l’opposition de {name} : consigné dans le journal d’audit.',
  },
  en: {
    logged: '✅ {what} logged for {target}.',
    on: 'Date: {date}.',
    next_step: 'Next step: {step}, due {date}.',
    ask_due: 'When is the next step due?',
    optout_confirm_phone: '⚠ {name} has opted out of calls. Log this outbound call anyway? (it will be recorded)',
    optout_confirm_email: '⚠ {name} has opted out of emails. Log this outbound email anyway? (it will be recorded)',
    optout_yes: 'Yes, log it',
    optout_no: 'No',
    optout_recorded: 'Contacted despite {name}’s opt-out: recorded in the audit log.',
  },
});
