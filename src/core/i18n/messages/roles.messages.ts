// The roles texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const rolesMessages = defineMessages({
  fr: {
    rep: 'commercial',
    manager: 'manager',
    admin: 'administrateur',
  },
  en: {
    rep: 'sales rep',
    manager: 'manager',
    admin: 'admin',
  },
});
