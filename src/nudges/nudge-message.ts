// The morning message: the member's deals that need a follow-up, most urgent first, each with
// why, its follow-up count and buttons (log, next step, snooze, lost). Read at send time, so a
// deal worked on since planning drops out.
import { and, asc, eq, sql } from 'drizzle-orm';
import { formatDate, formatMoney } from '../core/format.ts';
import { t } from '../core/i18n/i18n.ts';
import type { Block, Lang, Reply } from '../core/types.ts';
import type { Executor } from '../db/client.ts';
import { activities, contacts, deals, nudges, stages, type NudgeReason } from '../db/schema.ts';

/** At most this many deals in one message; the rest are counted. */
export const MAX_DEALS_PER_MESSAGE = 8;

export interface NudgeLine {
  nudgeId: number;
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

const urgency = sql`case when ${nudges.reasons} ? 'next_step_overdue' then 0 when ${nudges.reasons} ? 'close_date_passed' then 1 when ${nudges.reasons} ? 'stale' then 2 else 3 end`;

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

const reasonLists: Partial<Record<Lang, Intl.ListFormat>> = {};
/** Reasons joined as a sentence would (« a, b et c » / "a, b and c"). */
const reasonList = (lang: Lang): Intl.ListFormat => (reasonLists[lang] ??= new Intl.ListFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }));

function reasonText(lang: Lang, line: NudgeLine): string {
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
function dealButtons(lang: Lang, line: NudgeLine): Block[] {
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

export function nudgeReply(lang: Lang, lines: NudgeLine[]): Reply {
  const shown = lines.slice(0, MAX_DEALS_PER_MESSAGE);
  const blocks: Block[] = [{ type: 'section', title: t(lang, 'nudge.title', { count: lines.length }), text: t(lang, 'nudge.intro') }];
  for (const line of shown) {
    const amount = line.amountMinor === null ? '' : ` · ${formatMoney(line.amountMinor, line.currency, lang)}`;
    const optOut = line.noCalls && line.noEmails ? ` · ${t(lang, 'nudge.opted_out_all')}` : line.noCalls ? ` · ${t(lang, 'nudge.opted_out_phone')}` : '';
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'text',
      text: `#${line.dealId} ${line.name}${amount} · ${lang === 'fr' ? line.stageFr : line.stageEn}\n${reasonText(lang, line)}\n${t(lang, 'nudge.followups', { count: line.followups })}${optOut}`,
    });
    blocks.push(...dealButtons(lang, line));
  }
  if (lines.length > shown.length) blocks.push({ type: 'text', text: t(lang, 'nudge.more', { count: lines.length - shown.length }) });
  blocks.push({ type: 'text', text: t(lang, 'nudge.footer') });
  return { blocks, visibility: 'private', lang };
}
