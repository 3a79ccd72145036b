// The reminder rules in words, for /relance settings and /relance preview.
import type { CommandContext } from '../../core/context.ts';
import { listStages } from '../../services/workspace.service.ts';
import type { NudgeSettings } from '../../nudges/nudge-settings.ts';

const dayNames = (lang: 'fr' | 'en', days: number[]): string => {
  const names = lang === 'fr' ? ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'] : ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return days.map((d) => names[d - 1]).join(', ');
};

export async function describeNudgeSettings(ctx: CommandContext<unknown>, s: NudgeSettings): Promise<string> {
  const stages = await listStages(ctx.tx, ctx.workspace.id);
  const perStage = Object.entries(s.staleDaysByStage)
    .map(([key, days]) => {
      const stage = stages.find((st) => st.key === key);
      return `${stage ? (ctx.lang === 'fr' ? stage.nameFr : stage.nameEn) : key} ${days}`;
    })
    .join(', ');
  const digest = s.digest.ref
    ? ctx.t(s.digest.every === 'day' ? 'relance.digest_daily' : 'relance.digest_weekly', { day: dayNames(ctx.lang, [s.digest.weekday]), at: s.digest.at })
    : ctx.t('relance.digest_off');
  return [
    ctx.t(s.enabled ? 'relance.reminders_on' : 'relance.reminders_off'),
    ctx.t('relance.rule_stale', { days: s.staleDays }) + (perStage ? ` (${perStage})` : ''),
    ctx.t('relance.rule_hours', { days: dayNames(ctx.lang, s.workDays), start: s.workStart, end: s.workEnd, at: s.sendAt }),
    digest,
  ].join('\n');
}
