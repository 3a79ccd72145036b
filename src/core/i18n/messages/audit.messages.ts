// The audit texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const auditMessages = defineMessages({
  fr: {
    title: 'Journal d’audit — page {page}',
    line: '{at} · {who} · {action} · {target} · {outcome}',
    empty: 'Aucune entrée.',
    next: 'Page suivante',
    outcome_ok: 'fait',
    outcome_refused: 'refusé',
    outcome_failed: 'échec',
  },
  en: {
    title: 'Audit log — page {page}',
    line: '{at} · {who} · {action} · {target} · {outcome}',
    empty: 'No entries.',
    next: 'Next page',
    outcome_ok: 'done',
    outcome_refused: 'refused',
    outcome_failed: 'failed',
  },
});
