// What /kpi answers for a word that is no figure, period, scope word or member: the closest
// figure names to type instead (`/kpi convrsion` → conversion_rate), or the way to list them all.
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { closestKpis, kpiWord } from '../../kpi/closest-kpis.ts';

export function unknownKpiError(ctx: CommandContext<unknown>, word: string): UserError {
  const words = closestKpis(word).map((kpi) => kpiWord(kpi, ctx.lang));
  if (words.length === 0) return new UserError('kpi_unknown_none', { input: word, example: ctx.t('examples.kpi_list') });
  return new UserError('kpi_unknown', { input: word, choices: words.join(', '), example: `${ctx.t('examples.kpi')} ${words[0]}` });
}
