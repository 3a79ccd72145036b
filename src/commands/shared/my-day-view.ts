// How "my day" reads: one Reply, the same for /aujourdhui · /today, the Slack App Home and
// Discord, so it stays within every platform's limits (at most MY_DAY_MAX_BLOCKS blocks; each
// list cut at ten items with a "+N more" line). Every part is always there, with a sentence when
// it has nothing to show. The deals to follow up read exactly as in the morning reminder, with
// its buttons (nudge-message.ts), so a click does what the reminder's click does.
import { formatCalendarDate, formatDate, formatMoney } from '../../core/format.ts';
import { t, type MessageKey } from '../../core/i18n/i18n.ts';
import type { Block, Lang, Reply } from '../../core/types.ts';
import { nudgeDealButtons, nudgeLineText } from '../../nudges/nudge-message.ts';
import { lastDayOf, type MyDay, type TeamDay, type WeekFigure } from '../../services/my-day.service.ts';
import { formatKpiValue } from './kpi-format.ts';

/** The most blocks "my day" may have (Slack allows 50 per message, 100 in the App Home). */
export const MY_DAY_MAX_BLOCKS = 45;

/** The quick buttons: each runs a command line, as every `run` button does. */
export const MY_DAY_QUICK_ACTIONS = [
  { key: 'today.quick_log', line: 'log' },
  { key: 'today.quick_deal', line: 'deal new' },
  { key: 'today.quick_qualify', line: 'qualify' },
] as const;

const longDay = (isoDate: string, lang: Lang): string => formatCalendarDate(isoDate, lang, { weekday: 'long', day: 'numeric', month: 'long' });
const monthName = (isoDate: string, lang: Lang): string => formatCalendarDate(isoDate, lang, { month: 'long' });

/** "My day" as a private reply in `lang` (always private: they are one person's figures). */
export function myDayReply(day: MyDay, lang: Lang): Reply {
  const blocks = myDayBlocks(day, lang);
  if (blocks.length > MY_DAY_MAX_BLOCKS) throw new Error(`my day has ${blocks.length} blocks, more than ${MY_DAY_MAX_BLOCKS}`);
  return { blocks, visibility: 'private', lang };
}

export function myDayBlocks(day: MyDay, lang: Lang): Block[] {
  const month = monthName(day.month.from, lang);
  const blocks: Block[] = [{ type: 'section', title: t(lang, 'today.title', { date: longDay(day.today, lang) }) }];

  // 1. The reminder's deals, in its order, each as the reminder shows it, with its buttons.
  const { followUps } = day;
  blocks.push({ type: 'divider' });
  if (followUps.total === 0) {
    blocks.push({ type: 'section', title: t(lang, 'today.followups_title'), text: t(lang, 'today.followups_none') });
  } else {
    blocks.push({ type: 'section', title: t(lang, 'today.followups_title'), text: t(lang, 'today.followups_intro', { count: followUps.total }) });
    for (const line of followUps.lines) {
      blocks.push({ type: 'text', text: nudgeLineText(lang, line) });
      blocks.push(...nudgeDealButtons(lang, line));
    }
    if (followUps.total > followUps.lines.length) blocks.push({ type: 'text', text: t(lang, 'today.followups_more', { count: followUps.total - followUps.lines.length }) });
  }

  // 2. Next steps past their date.
  blocks.push({ type: 'divider' });
  const overdue = day.overdue.items.map((item) => {
    const params = { id: String(item.dealId), name: item.name, date: formatDate(item.due, lang), days: item.daysLate };
    return item.nextStep ? t(lang, 'today.overdue_line', { ...params, step: item.nextStep }) : t(lang, 'today.overdue_line_no_step', params);
  });
  if (day.overdue.total > overdue.length) overdue.push(t(lang, 'today.overdue_more', { count: day.overdue.total - overdue.length }));
  blocks.push(...listPart(t(lang, 'today.overdue_title'), overdue, t(lang, 'today.overdue_none')));

  // 3. Deals expected to close this month.
  blocks.push({ type: 'divider' });
  const closing = day.closing.items.map((item) =>
    t(lang, 'today.closing_line', {
      id: String(item.dealId),
      name: item.name,
      amount: item.amountMinor === null ? t(lang, 'today.no_amount') : formatMoney(item.amountMinor, item.currency, lang),
      stage: lang === 'fr' ? item.stageFr : item.stageEn,
      date: formatDate(item.expectedCloseDate, lang),
    }),
  );
  if (day.closing.total > closing.length) closing.push(t(lang, 'today.closing_more', { count: day.closing.total - closing.length, month }));
  blocks.push(...listPart(t(lang, 'today.closing_title', { month }), closing, t(lang, 'today.closing_none', { month })));

  // 4. This week's figures against the objective.
  blocks.push({ type: 'divider' });
  blocks.push({
    type: 'list',
    title: t(lang, 'today.week_title', { from: formatDate(day.week.from, lang), to: formatDate(lastDayOf(day.week), lang) }),
    items: day.figures.map((figure) => figureLine(figure, lang, day.currency)),
  });

  // 5. Quick buttons.
  blocks.push({ type: 'buttons', buttons: MY_DAY_QUICK_ACTIONS.map((action) => ({ label: t(lang, action.key), actionId: 'run', value: action.line })) });

  // 6. Managers and admins: their team.
  if (day.team) blocks.push({ type: 'divider' }, ...teamBlocks(day.team, lang, day.currency, month));
  return blocks;
}

/** A titled list, or the title with its empty-state sentence: never an empty part. */
function listPart(title: string, items: string[], none: string): Block[] {
  return items.length === 0 ? [{ type: 'section', title, text: none }] : [{ type: 'section', title }, { type: 'list', items }];
}

/** « Activités : 12 / 20 (60 %) », or the figure alone when no objective is set; values read as /kpi prints them. */
function figureLine(figure: WeekFigure, lang: Lang, currency: string): string {
  const reader = { t: (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params), lang, workspace: { currency } } as Parameters<typeof formatKpiValue>[0];
  const value = formatKpiValue(reader, figure.kpi, figure.value ?? 0);
  const name = figure.kpi.name[lang];
  if (figure.objective === null || figure.objective <= 0) return t(lang, 'today.figure', { name, value });
  const target = formatKpiValue(reader, figure.kpi, figure.objective);
  return t(lang, 'today.figure_objective', { name, value, target, ratio: (figure.value ?? 0) / figure.objective });
}

function teamBlocks(team: TeamDay, lang: Lang, currency: string, month: string): Block[] {
  const money = (minor: number) => formatMoney(minor, currency, lang);
  const stale = team.stale.owners.map((owner) => t(lang, 'today.stale_line', { name: owner.name, count: owner.count }));
  if (team.stale.totalOwners > stale.length) stale.push(t(lang, 'today.stale_more', { count: team.stale.totalOwners - stale.length }));
  return [
    { type: 'section', title: team.team ? t(lang, 'today.team_title', { team: team.team }) : t(lang, 'today.team_title_all') },
    stale.length === 0 ? { type: 'text', text: t(lang, 'today.stale_none', { days: team.staleDays }) } : { type: 'list', title: t(lang, 'today.stale_title', { days: team.staleDays }), items: stale },
    { type: 'text', text: t(lang, 'today.forecast', { month, amount: money(team.forecastMinor) }) },
    {
      type: 'text',
      text: t(lang, 'today.movement', {
        month,
        created: team.movement.created,
        createdAmount: money(team.movement.createdMinor),
        won: team.movement.won,
        wonAmount: money(team.movement.wonMinor),
        lost: team.movement.lost,
        lostAmount: money(team.movement.lostMinor),
      }),
    },
  ];
}
