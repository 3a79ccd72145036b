// Logging a chat message (Slack message shortcut, Discord message context menu): the form
// prefilled from the message. ICU MessageFormat; typography in ../typography.ts.
import { defineMessages } from '../define-messages.ts';

export const captureMessages = defineMessages({
  fr: {
    title: 'Journaliser ce message',
    prompt: 'Vérifiez ce que j’ai lu dans le message, complétez puis enregistrez.',
  },
  en: {
    title: 'Log this message',
    prompt: 'Check what I read in the message, complete it and save.',
  },
});
