// A problem found in an imported file, kept as a code and parameters (never as text) so it can
// be shown in the importing member's language, and rendered with its line number.
import { translate } from '../core/i18n/i18n.ts';
import type { Lang } from '../core/types.ts';

export interface CsvIssue {
  /** Line in the file (1 is the header). */
  line: number;
  /** Error code: its text is `errors.<code>` in the catalogues. */
  code: string;
  params: Record<string, string | number>;
}

/** `Ligne 4 : « 31/02/2026 » (colonne date_signature) n’existe pas dans le calendrier.` */
export function renderIssue(issue: CsvIssue, lang: Lang): string {
  return translate(lang, 'csv.line', { line: issue.line, message: translate(lang, `errors.${issue.code}`, issue.params) });
}

/** Issues in file order; on one line, in the order found (column order). The sort is stable. */
export const sortIssues = (issues: CsvIssue[]): CsvIssue[] => [...issues].sort((a, b) => a.line - b.line);
