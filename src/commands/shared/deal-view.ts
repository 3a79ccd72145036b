// How deals look in replies: one line in lists, fields and history on their own card.
import { optOutMarker } from './contact-arg.ts';
import type { CommandContext } from '../../core/context.ts';
import { formatDate, formatDateTime, formatMoney, formatPercent } from '../../core/format.ts';
import type { Block, Lang } from '../../core/types.ts';
import type { DealDetails, DealListItem } from '../../services/deal.service.ts';
import { stageName, type StageRow } from '../../services/workspace.service.ts';
import { t } from '../../core/i18n/i18n.ts';
import { choiceLabel, lostReasonChoices } from './choices.ts';

/** What an activity was, in words that agree with its kind (« sortante, positive » for a demo). */
export function activityDetails(lang: Lang, a: { type: string; direction?: string | null; outcome?: string | null; durationMinutes?: number | null }): string[] {
  const details: string[] = [];
  if (a.direction) details.push(t(lang, 'log.direction', { kind: a.type, direction: a.direction }));
  if (a.outcome) details.push(t(lang, 'log.outcome', { kind: a.type, outcome: a.outcome }));
  if (a.durationMinutes) details.push(t(lang, 'log.duration', { minutes: a.durationMinutes }));
  return details;
}

/** The details as one list in the language's way (`sortante, positive et 20 min`). */
export const detailList = (lang: Lang, details: string[]): string => new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(details);

/** `Démo : sortante, positive et 20 min`, or just `Note`. */
export function activitySummary(lang: Lang, a: Parameters<typeof activityDetails>[1]): string {
  const details = activityDetails(lang, a);
  return details.length === 0 ? t(lang, 'log.kind', { kind: a.type }) : t(lang, 'log.kind_details', { kind: a.type, details: detailList(lang, details) });
}

export const moneyOrDash = (minor: number | null, currency: string, lang: Lang): string =>
  minor === null ? '—' : formatMoney(minor, currency, lang);

export function dealLine(item: DealListItem, lang: Lang, today: string, showOwner: boolean): string {
  const parts = [`#${item.id} ${item.name}`];
  if (item.companyName) parts.push(item.companyName);
  parts.push(moneyOrDash(item.amountMinor, item.currency, lang));
  parts.push(`${lang === 'en' ? item.stageEn : item.stageFr} (${formatPercent(item.probability, lang)})`);
  if (item.expectedCloseDate) parts.push(t(lang, 'deal.line_close', { date: formatDate(item.expectedCloseDate, lang) }));
  if (showOwner) parts.push(item.ownerName);
  if (item.nextStepDue && item.nextStepDue < today) parts.push(t(lang, 'deal.line_overdue'));
  return parts.join(' · ');
}

export function dealCard(ctx: CommandContext<unknown>, details: DealDetails, allStages: StageRow[]): Block[] {
  const { deal } = details;
  const lang = ctx.lang;
  const stageLabel = (key: string | null): string => {
    const stage = allStages.find((s) => s.key === key);
    return stage ? stageName(stage, lang) : (key ?? '—');
  };
  const fields = [
    { label: ctx.t('deal.field_company'), value: details.companyName ?? '—' },
    { label: ctx.t('deal.field_contact'), value: details.contactName ? `${details.contactName}${details.contactOptOut ? optOutMarker(ctx, details.contactOptOut) : ''}` : '—' },
    { label: ctx.t('deal.field_owner'), value: details.ownerName },
    { label: ctx.t('deal.field_stage'), value: `${stageLabel(deal.stage)} (${formatPercent(deal.probability, lang)})` },
    { label: ctx.t('deal.field_amount'), value: moneyOrDash(deal.amountMinor === null ? null : Number(deal.amountMinor), deal.currency, lang) },
    { label: ctx.t('deal.field_close'), value: deal.expectedCloseDate ? formatDate(deal.expectedCloseDate, lang) : '—' },
    {
      label: ctx.t('deal.field_next'),
      value: deal.nextStep ? `${deal.nextStep}${deal.nextStepDue ? ` — ${formatDate(deal.nextStepDue, lang)}` : ''}` : '—',
    },
    { label: ctx.t('deal.field_created'), value: formatDateTime(deal.createdAt, lang, ctx.timeZone) },
  ];
  if (details.qualification) {
    const q = details.qualification;
    fields.push({
      label: ctx.t('qualify.last'),
      value: `${q.framework.toUpperCase()} ${q.score}/100 · ${ctx.t(`qualify.verdict_${q.verdict as 'qualified' | 'nurture' | 'disqualified'}`)} · ${formatDateTime(q.createdAt, lang, ctx.timeZone)}`,
    });
  }
  if (deal.lostReason) {
    fields.push({ label: ctx.t('deal.field_lost_reason'), value: [choiceLabel(lostReasonChoices, deal.lostReason, lang), deal.lostNote].filter(Boolean).join(' — ') });
  }
  const history = details.history.map((h) =>
    ctx.t('deal.history_line', {
      date: formatDateTime(h.changedAt, lang, ctx.timeZone),
      from: h.fromStage ? stageLabel(h.fromStage) : ctx.t('deal.history_created'),
      to: stageLabel(h.toStage),
      by: h.by ?? '—',
    }),
  );
  const activityLines = details.activities.map((a) => {
    const params = { date: formatDateTime(a.occurredAt, lang, ctx.timeZone), summary: activitySummary(lang, a), by: a.by };
    if (!a.notes) return ctx.t('deal.activity_line', params);
    return ctx.t('deal.activity_line_notes', { ...params, notes: a.notes.length > 140 ? `${a.notes.slice(0, 139)}…` : a.notes });
  });
  // Activities logged from a chat message say where they came from: a link to the message when
  // the platform gave one, else who wrote it and where.
  const sources: Block[] = details.activities
    .filter((a) => a.sourceUrl || a.sourceLabel)
    .map((a) => {
      const label = ctx.t('deal.activity_source', { date: formatDateTime(a.occurredAt, lang, ctx.timeZone), from: a.sourceLabel ?? '—' });
      return a.sourceUrl ? { type: 'link', url: a.sourceUrl, label } : { type: 'text', text: label };
    });
  return [
    { type: 'section', title: `#${deal.id} ${deal.name}` },
    { type: 'fields', fields },
    { type: 'list', title: ctx.t('deal.history_title'), items: history },
    { type: 'list', title: ctx.t('deal.activities_title'), items: activityLines.length > 0 ? activityLines : [ctx.t('deal.no_activity')] },
    ...sources,
  ];
}
