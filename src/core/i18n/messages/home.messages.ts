// The Slack home tab's own line: what closes a home cut to the platform's limits.
import { defineMessages } from '../define-messages.ts';

export const homeMessages = defineMessages({
  fr: {
    cut: '… et d’autres éléments, à voir avec /aujourdhui.',
  },
  en: {
    cut: '… and more: see /today.',
  },
});
