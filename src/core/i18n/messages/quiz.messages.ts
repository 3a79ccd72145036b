// The quiz texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const quizMessages = defineMessages({
  fr: {
    question: 'Quel terme correspond à cette définition ?\n« {definition} »',
    right: '✅ Bonne réponse : {name}.',
    wrong: '❌ Raté : la bonne réponse était {name}.',
    score: 'Votre score : {correct, plural, one {# bonne réponse} other {# bonnes réponses}} sur {asked, plural, other {#}}.',
    again: 'Rejouer',
    read: 'Lire « {name} »',
    not_enough: 'Le glossaire n’a pas assez de termes pour un quiz.',
  },
  en: {
    question: 'Which term matches this definition?\n"{definition}"',
    right: '✅ Right: {name}.',
    wrong: '❌ Not quite: the answer was {name}.',
    score: 'Your score: {correct, plural, one {# right answer} other {# right answers}} out of {asked, plural, other {#}}.',
    again: 'Play again',
    read: 'Read "{name}"',
    not_enough: 'The glossary has too few terms for a quiz.',
  },
});
