// What Relance says about sentences it reads (« on a signé Garnier ! »): the line it understood,
// the confirmation before any write, and why it did not understand. ICU MessageFormat;
// typography in ../typography.ts.
import { defineMessages } from '../define-messages.ts';

export const understandMessages = defineMessages({
  fr: {
    confirm: 'J’ai compris : {line}',
    confirm_hint: 'Rien n’est enregistré avant votre clic.',
    save: 'Enregistrer',
    edit: 'Modifier',
    cancel: 'Annuler',
    declined: 'Annulé : rien n’a été enregistré.',
    edit_line: 'Modifiez la commande puis envoyez-la : {line}',
    which_deal: 'Plusieurs affaires correspondent. Laquelle ?',
    which_contact: 'Plusieurs contacts correspondent. Lequel ?',
    not_understood:
      '{reason, select, unsafe {Je ne supprime rien sur une simple phrase : pour effacer des données, un administrateur utilise la commande prévue.} unsupported {Je ne peux ni écrire ni appeler à votre place, mais je peux enregistrer ce que vous avez fait.} no_record {Je n’ai pas trouvé de quelle affaire vous parlez.} closed {L’affaire {name} est déjà close : rien n’a été changé.} vague {Je n’ai pas compris ce qu’il faut faire de « {text} ».} other {Je n’ai pas compris « {text} ».}}',
    try_these: 'Essayez plutôt :',
    model_unavailable: 'L’aide du modèle de langue n’a pas répondu : voici ce que j’ai compris seul.',
  },
  en: {
    confirm: 'I understood: {line}',
    confirm_hint: 'Nothing is saved until you click.',
    save: 'Save',
    edit: 'Edit',
    cancel: 'Cancel',
    declined: 'Cancelled: nothing was saved.',
    edit_line: 'Edit the command, then send it: {line}',
    which_deal: 'Several deals fit. Which one?',
    which_contact: 'Several contacts fit. Which one?',
    not_understood:
      '{reason, select, unsafe {I do not delete anything from a sentence: to erase data, an admin uses the command made for it.} unsupported {I cannot write to or call anyone for you, but I can log what you did.} no_record {I could not tell which deal you mean.} closed {The deal {name} is already closed: nothing was changed.} vague {I did not understand what to do with "{text}".} other {I did not understand "{text}".}}',
    try_these: 'Try one of these:',
    model_unavailable: 'The language model did not answer: here is what I understood on my own.',
  },
});
