// The quiz texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const quizMessages = defineMessages({
  fr: {
    prompt: 'Quel terme correspond à cette définition ?',
    right: '✅ Bonne réponse : {name}.',
    wrong: '❌ Raté, c’était : {name}.',
    score: 'Votre score : {correct} sur {asked}.',
    again: 'Une autre question',
    read: 'Lire « {name} »',
    not_enough: 'Le glossaire n’a pas assez de termes pour un quiz.',
  },
  en: {
    prompt: 'Which term matches this definition?',
    right: '✅ Right: {name}.',
    wrong: '❌ Not quite, it was: {name}.',
    score: 'Your score: {correct} out of {asked}.',
    again: 'Another question',
    read: 'Read "{name}"',
    not_enough: 'The glossary has too few terms for a quiz.',
  },
});
