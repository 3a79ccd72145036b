// The reminder rules in words, for /relance settings and /relance preview. Weekday names and
// lists come from Intl (« lundi, mardi et jeudi » / "Monday, Tuesday and Thursday").
import type { CommandContext } from '../../core/context.ts';
import { formatCalendarDate } from '../../core/format.ts';
import { listStages } from '../../services/workspace.service.ts';
import type { NudgeSettings } from '../../nudges/nudge-settings.ts';

type Lang = 'fr' | 'en';

/** ISO weekday (1 = Monday … 7 = Sunday) in words; 1 January 2024 was a Monday. */
const dayName = (lang: Lang, day: number): string => formatCalendarDate(`2024-01-0${day}`, lang, { weekday: 'long' });

const list = (lang: Lang, items: string[]): string => new Intl.ListFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }).format(items);

export async function describeNudgeSettings(ctx: CommandContext<unknown>, s: NudgeSettings): Promise<string> {
  const stages = await listStages(ctx.tx, ctx.workspace.id);
  const perStage = Object.entries(s.staleDaysByStage).map(([key, days]) => {
    const stage = stages.find((st) => st.key === key);
    return ctx.t('relance.stage_days', { stage: stage ? (ctx.lang === 'fr' ? stage.nameFr : stage.nameEn) : key, days });
  });
  const digest = s.digest.ref
    ? ctx.t(s.digest.every === 'day' ? 'relance.digest_daily' : 'relance.digest_weekly', { day: dayName(ctx.lang, s.digest.weekday), at: s.digest.at })
    : ctx.t('relance.digest_off');
  return [
    ctx.t(s.enabled ? 'relance.reminders_on' : 'relance.reminders_off'),
    ctx.t('relance.rule_stale', { days: s.staleDays }),
    ...(perStage.length > 0 ? [ctx.t('relance.rule_stale_stages', { stages: list(ctx.lang, perStage) })] : []),
    ctx.t('relance.rule_hours', { weekdays: list(ctx.lang, s.workDays.map((day) => dayName(ctx.lang, day))), start: s.workStart, end: s.workEnd, at: s.sendAt }),
    digest,
  ].join('\n');
}
