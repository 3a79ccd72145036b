// The morning message: the member's deals that need a follow-up, most urgent first, each with
// why, its follow-up count and buttons (log, next step, snooze, lost). Read at send time, so a
// deal worked on since planning drops out.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { formatDate, formatMoney } from '../core/format.ts';
import { t } from '../core/i18n/i18n.ts';
import type { Block, Lang, Reply } from '../core/types.ts';
import { queryRows, type Executor } from '../db/client.ts';
import { activities, contacts, deals, nudgeReasonValues, nudges, stages, type NudgeReason } from '../db/schema.ts';
import { dueDealsQuery } from './nudge-planner.service.ts';
import type { NudgeSettings } from './nudge-settings.ts';

/** At most this many deals in one message; the rest are counted. */
export const MAX_DEALS_PER_MESSAGE = 8;

/** One deal to follow up, as the reminder shows it. */
export interface DueDealLine {
  dealId: number;
  name: string;
  amountMinor: number | null;
  currency: string;
  stageFr: string;
  stageEn: string;
  reasons: NudgeReason[];
  idleDays: number;
  nextStep: string | null;
  nextStepDue: string | null;
  expectedCloseDate: string | null;
  followups: number;
  noCalls: boolean;
  noEmails: boolean;
}

/** A line of a planned reminder (a `nudges` row). */
export interface NudgeLine extends DueDealLine {
  nudgeId: number;
}

/** Most urgent first, from a deal's reasons (jsonb): an overdue next step, a passed close date, no activity, the rest. */
const urgencyOf = (reasons: SQL | typeof nudges.reasons) =>
  sql`case when ${reasons} ? 'next_step_overdue' then 0 when ${reasons} ? 'close_date_passed' then 1 when ${reasons} ? 'stale' then 2 else 3 end`;
const urgency = urgencyOf(nudges.reasons);

/** Pending reminders of one member and day, for deals still open and not snoozed. */
export async function pendingNudges(tx: Executor, workspaceId: number, memberId: number, window: string, now: Date): Promise<NudgeLine[]> {
  const rows = await tx
    .select({
      nudgeId: nudges.id,
      dealId: deals.id,
      name: deals.name,
      amountMinor: deals.amountMinor,
      currency: deals.currency,
      stageFr: stages.nameFr,
      stageEn: stages.nameEn,
      reasons: nudges.reasons,
      idleDays: sql<number>`floor(extract(epoch from (${now.toISOString()}::timestamptz - coalesce(${deals.lastActivityAt}, ${deals.createdAt}))) / 86400)::int`,
      nextStep: deals.nextStep,
      nextStepDue: deals.nextStepDue,
      expectedCloseDate: deals.expectedCloseDate,
      // Follow-ups so far: activities on the deal after the first contact (notes aside).
      followups: sql<number>`(select greatest(count(*) - 1, 0)::int from ${activities} a where a.workspace_id = ${deals.workspaceId} and a.deal_id = ${deals.id} and a.type <> 'note')`,
      noCalls: sql<boolean>`coalesce(${contacts.optOutPhone}, false)`,
      noEmails: sql<boolean>`coalesce(${contacts.optOutEmail}, false)`,
    })
    .from(nudges)
    .innerJoin(deals, eq(deals.id, nudges.dealId))
    .innerJoin(stages, and(eq(stages.workspaceId, deals.workspaceId), eq(stages.key, deals.stage)))
    .leftJoin(contacts, eq(contacts.id, deals.contactId))
    .where(
      and(
        eq(nudges.workspaceId, workspaceId),
        eq(nudges.memberId, memberId),
        eq(nudges.window, window),
        eq(nudges.status, 'pending'),
        eq(deals.status, 'open'),
        sql`(${deals.snoozedUntil} is null or ${deals.snoozedUntil} <= ${now.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(urgency, sql`${deals.amountMinor} desc nulls last`, asc(deals.id));
  return rows.map((row) => ({ ...row, idleDays: Number(row.idleDays), followups: Number(row.followups) }));
}

const REASONS = new Set<string>(nudgeReasonValues);

interface DueLineRow {
  [column: string]: unknown;
  total: string | number;
  deal_id: number;
  name: string;
  amount_minor: string | number | null;
  currency: string;
  stage_fr: string;
  stage_en: string;
  reasons: string;
  idle_days: string | number;
  next_step: string | null;
  next_step_due: string | null;
  expected_close_date: string | null;
  followups: string | number;
  no_calls: boolean;
  no_emails: boolean;
}

/** The SQL of `dueDealLines`: the first `limit` due deals in the reminder's order, with their total. */
function dueLinesQuery(workspaceId: number, memberId: number, settings: NudgeSettings, window: string, now: Date, limit: number): SQL {
  const reasons = sql`to_jsonb(due.reasons)`;
  // Materialised: each deal's reasons are worked out once, not again for each use of them.
  return sql`with due as materialized (${dueDealsQuery(workspaceId, [memberId], settings, window, now)}),
        ranked as (
          select due.deal_id as id, array_to_string(due.reasons, ',') as reasons, count(*) over () as total,
            ${urgencyOf(reasons)} as urgency
          from due
          order by urgency, due.amount_minor desc nulls last, due.deal_id
          limit ${limit})
        select r.total, d.id as deal_id, d.name, d.amount_minor, d.currency, s.name_fr as stage_fr, s.name_en as stage_en, r.reasons,
          floor(extract(epoch from (${now.toISOString()}::timestamptz - coalesce(d.last_activity_at, d.created_at))) / 86400)::int as idle_days,
          d.next_step, d.next_step_due::text as next_step_due, d.expected_close_date::text as expected_close_date,
          (select greatest(count(*) - 1, 0)::int from ${activities} a where a.workspace_id = d.workspace_id and a.deal_id = d.id and a.type <> 'note') as followups,
          coalesce(c.opt_out_phone, false) as no_calls, coalesce(c.opt_out_email, false) as no_emails
        from ranked r
        join ${deals} d on d.id = r.id
        join ${stages} s on s.workspace_id = d.workspace_id and s.key = d.stage
        left join ${contacts} c on c.id = d.contact_id
        order by r.urgency, d.amount_minor desc nulls last, d.id`;
}

/**
 * The deals the morning reminder would list for one member on local day `window`, read without
 * planning anything: the planner's selection (`dueDealsQuery`) in the reminder's order (the
 * same urgency, then the biggest amount, then the oldest deal), the first `limit` of them with
 * `total` counting them all. Follow-ups are counted for the lines returned only.
 */
export async function dueDealLines(
  tx: Executor,
  workspaceId: number,
  memberId: number,
  settings: NudgeSettings,
  window: string,
  now: Date,
  limit: number,
): Promise<{ total: number; lines: DueDealLine[] }> {
  const rows = await queryRows<DueLineRow>(tx, dueLinesQuery(workspaceId, memberId, settings, window, now, limit));
  return {
    total: Number(rows[0]?.total ?? 0),
    lines: rows.map((row) => ({
      dealId: Number(row.deal_id),
      name: row.name,
      amountMinor: row.amount_minor === null ? null : Number(row.amount_minor),
      currency: row.currency,
      stageFr: row.stage_fr,
      stageEn: row.stage_en,
      reasons: row.reasons.split(',').filter((reason): reason is NudgeReason => REASONS.has(reason)),
      idleDays: Number(row.idle_days),
      nextStep: row.next_step,
      nextStepDue: row.next_step_due,
      expectedCloseDate: row.expected_close_date,
      followups: Number(row.followups),
      noCalls: Boolean(row.no_calls),
      noEmails: Boolean(row.no_emails),
    })),
  };
}

const reasonLists: Partial<Record<Lang, Intl.ListFormat>> = {};
/** Reasons joined as a sentence would (« a, b et c » / "a, b and c"). */
const reasonList = (lang: Lang): Intl.ListFormat => (reasonLists[lang] ??= new Intl.ListFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }));

function reasonText(lang: Lang, line: DueDealLine): string {
  const reasons = line.reasons
    .map((reason) => {
      switch (reason) {
        case 'stale':
          return t(lang, 'nudge.reason_stale', { days: line.idleDays });
        case 'next_step_overdue':
          return t(lang, 'nudge.reason_next_step', { step: line.nextStep ?? '—', date: formatDate(line.nextStepDue ?? '', lang) });
        case 'close_date_passed':
          return t(lang, 'nudge.reason_close_date', { date: formatDate(line.expectedCloseDate ?? '', lang) });
        case 'no_next_step':
          return t(lang, 'nudge.reason_no_next_step');
      }
    });
  return reasonList(lang).format(reasons);
}

/** The buttons of one deal. Opted-out contacts are never offered a call (or an email). */
export function nudgeDealButtons(lang: Lang, line: DueDealLine): Block[] {
  const ref = `#${line.dealId}`;
  const log = !line.noCalls
    ? { label: t(lang, 'nudge.log_call'), actionId: 'run', value: `log call deal:${ref}` }
    : !line.noEmails
      ? { label: t(lang, 'nudge.log_email'), actionId: 'run', value: `log email deal:${ref}` }
      : { label: t(lang, 'nudge.log_note'), actionId: 'run', value: `log note deal:${ref}` };
  return [
    {
      type: 'buttons',
      buttons: [
        log,
        { label: t(lang, 'nudge.next_step'), actionId: 'run', value: `deal next ${ref}` },
        { label: t(lang, 'nudge.snooze_1d'), actionId: 'run', value: `relance snooze ${ref} 1d` },
        { label: t(lang, 'nudge.snooze_3d'), actionId: 'run', value: `relance snooze ${ref} 3d` },
        { label: t(lang, 'nudge.snooze_1w'), actionId: 'run', value: `relance snooze ${ref} 1w` },
        { label: t(lang, 'nudge.mark_lost'), actionId: 'run', value: `deal lost ${ref}`, style: 'danger' },
      ],
    },
  ];
}

/** One deal's text in the reminder: number, name, amount and stage; why; follow-ups so far and opt-outs. */
export function nudgeLineText(lang: Lang, line: DueDealLine): string {
  const amount = line.amountMinor === null ? '' : ` · ${formatMoney(line.amountMinor, line.currency, lang)}`;
  const optOut = line.noCalls && line.noEmails ? ` · ${t(lang, 'nudge.opted_out_all')}` : line.noCalls ? ` · ${t(lang, 'nudge.opted_out_phone')}` : '';
  return `#${line.dealId} ${line.name}${amount} · ${lang === 'fr' ? line.stageFr : line.stageEn}\n${reasonText(lang, line)}\n${t(lang, 'nudge.followups', { count: line.followups })}${optOut}`;
}

export function nudgeReply(lang: Lang, lines: NudgeLine[]): Reply {
  const shown = lines.slice(0, MAX_DEALS_PER_MESSAGE);
  const blocks: Block[] = [{ type: 'section', title: t(lang, 'nudge.title', { count: lines.length }), text: t(lang, 'nudge.intro') }];
  for (const line of shown) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: nudgeLineText(lang, line) });
    blocks.push(...nudgeDealButtons(lang, line));
  }
  if (lines.length > shown.length) blocks.push({ type: 'text', text: t(lang, 'nudge.more', { count: lines.length - shown.length }) });
  blocks.push({ type: 'text', text: t(lang, 'nudge.footer') });
  return { blocks, visibility: 'private', lang };
}
