// The dialog texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both). A question has one way out: its Cancel button (a yes/no
// question, its "no"); the reminders after an answer that fits nothing name « annuler » once.
import { defineMessages } from '../define-messages.ts';

export const dialogMessages = defineMessages({
  fr: {
    resumed: 'Reprenons là où vous en étiez :',
    no_back: 'C’est la première question : pas de retour possible.',
    submit: 'Valider',
    example: 'Par exemple : {example}',
    choose: 'Choisir…',
    cancel_button: 'Annuler',
    cancelled: 'Annulé : rien n’a été enregistré.',
    expired: 'Cette question a expiré et rien n’a été enregistré. Relancez la commande.',
    gone: 'Cette question est close : elle a déjà reçu une réponse ou a été annulée.',
    nothing_pending: 'Aucune question n’attend de réponse ici. Tapez /aide pour voir les commandes.',
    reminder_confirm: 'Répondez par oui ou par non.',
    reminder: '{count, plural, one {Répondez par {list}, ou tapez « annuler ».} other {Répondez par un numéro ({list}) ou par le nom d’un choix, ou tapez « annuler ».}}',
    reminder_range: '{count, plural, other {Répondez par un numéro de 1 à # ou par le nom d’un choix, ou tapez « annuler ».}}',
    reminder_none: 'Tapez votre réponse, ou « annuler » pour abandonner.',
    stale: 'Vous avez déjà répondu à cette question ; voici celle qui attend :',
    still_waiting_named: '{what} est toujours en attente : tapez {command} pour la reprendre.',
    still_waiting: 'La commande {command} est toujours en attente : tapez-la de nouveau pour la reprendre.',
  },
  en: {
    resumed: 'Picking up where you left off:',
    no_back: 'This is the first question: there is nothing to go back to.',
    submit: 'Submit',
    example: 'For example: {example}',
    choose: 'Choose…',
    cancel_button: 'Cancel',
    cancelled: 'Cancelled: nothing was saved.',
    expired: 'This question has expired and nothing was saved. Run the command again.',
    gone: 'This question is closed: it has already been answered or was cancelled.',
    nothing_pending: 'No question is waiting for an answer here. Type /help to see the commands.',
    reminder_confirm: 'Please answer yes or no.',
    reminder: '{count, plural, one {Reply with {list}, or type "cancel".} other {Reply with a number ({list}) or the name of a choice, or type "cancel".}}',
    reminder_range: '{count, plural, other {Reply with a number from 1 to # or the name of a choice, or type "cancel".}}',
    reminder_none: 'Type your answer, or "cancel" to stop.',
    stale: 'You have already answered that question; here is the one still waiting:',
    still_waiting_named: '{what} is still waiting: type {command} to resume it.',
    still_waiting: '{command} is still waiting: type it again to resume.',
  },
});
