// The log texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both). Activity kinds have a gender in French (un appel, un
// e-mail, un rendez-vous; une démo, une note): the whole sentence and every detail that agrees
// with the kind are chosen by `select` on the kind.
import { defineMessages } from '../define-messages.ts';

export const logMessages = defineMessages({
  fr: {
    logged: '✅ {kind, select, call {Appel enregistré} email {E-mail enregistré} meeting {Rendez-vous enregistré} demo {Démo enregistrée} note {Note enregistrée} other {Activité enregistrée}} pour {target}.',
    logged_details: '✅ {kind, select, call {Appel enregistré} email {E-mail enregistré} meeting {Rendez-vous enregistré} demo {Démo enregistrée} note {Note enregistrée} other {Activité enregistrée}} pour {target} : {details}.',
    kind: '{kind, select, call {Appel} email {E-mail} meeting {Rendez-vous} demo {Démo} note {Note} other {Activité}}',
    kind_details: '{kind, select, call {Appel} email {E-mail} meeting {Rendez-vous} demo {Démo} note {Note} other {Activité}} : {details}',
    direction: '{kind, select, demo {{direction, select, inbound {entrante} other {sortante}}} note {{direction, select, inbound {entrante} other {sortante}}} other {{direction, select, inbound {entrant} other {sortant}}}}',
    outcome: '{kind, select, demo {{outcome, select, done {effectuée} no_answer {sans réponse} voicemail {messagerie} no_show {non honorée} positive {positive} negative {négative} rescheduled {reportée} other {{outcome}}}} note {{outcome, select, done {effectuée} no_answer {sans réponse} voicemail {messagerie} no_show {non honorée} positive {positive} negative {négative} rescheduled {reportée} other {{outcome}}}} other {{outcome, select, done {effectué} no_answer {sans réponse} voicemail {messagerie} no_show {non honoré} positive {positif} negative {négatif} rescheduled {reporté} other {{outcome}}}}}',
    duration: '{minutes, plural, other {# min}}',
    on: 'Date de l’activité : {date}.',
    next_step: 'Prochaine étape : {step}, pour le {date}.',
    ask_due: 'Pour quand est prévue la prochaine étape ?',
    optout_confirm_phone: '⚠ {name} a fait opposition aux appels. Enregistrer quand même cet appel sortant ? Ce sera consigné dans le journal d’audit.',
    optout_confirm_email: '⚠ {name} a fait opposition aux e-mails. Enregistrer quand même cet e-mail sortant ? Ce sera consigné dans le journal d’audit.',
    optout_yes: 'Enregistrer quand même',
    optout_no: 'Ne pas enregistrer',
    optout_recorded: 'Contact pris malgré l’opposition de {name} : c’est consigné dans le journal d’audit.',
  },
  en: {
    logged: '✅ {kind, select, call {Call} email {Email} meeting {Meeting} demo {Demo} note {Note} other {Activity}} logged for {target}.',
    logged_details: '✅ {kind, select, call {Call} email {Email} meeting {Meeting} demo {Demo} note {Note} other {Activity}} logged for {target}: {details}.',
    kind: '{kind, select, call {Call} email {Email} meeting {Meeting} demo {Demo} note {Note} other {Activity}}',
    kind_details: '{kind, select, call {Call} email {Email} meeting {Meeting} demo {Demo} note {Note} other {Activity}}: {details}',
    direction: '{kind, select, other {{direction, select, inbound {inbound} other {outbound}}}}',
    outcome: '{kind, select, other {{outcome, select, done {done} no_answer {no answer} voicemail {voicemail} no_show {no-show} positive {positive} negative {negative} rescheduled {rescheduled} other {{outcome}}}}}',
    duration: '{minutes, plural, other {# min}}',
    on: 'Activity date: {date}.',
    next_step: 'Next step: {step}, due {date}.',
    ask_due: 'When is the next step due?',
    optout_confirm_phone: '⚠ {name} has opted out of calls. Log this outbound call anyway? It will be recorded in the audit log.',
    optout_confirm_email: '⚠ {name} has opted out of emails. Log this outbound email anyway? It will be recorded in the audit log.',
    optout_yes: 'Log it anyway',
    optout_no: 'Don’t log it',
    optout_recorded: 'Contacted despite {name}’s opt-out: this is recorded in the audit log.',
  },
});
