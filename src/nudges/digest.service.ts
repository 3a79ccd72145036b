// The manager digest: on the configured day and time (workspace time zone), one message to the
// configured channel with stale deals and overdue next steps by owner and the pipeline's
// movement over the period, built from the pipeline service.
import { and, asc, eq, sql } from 'drizzle-orm';
import { formatDate, formatMoney } from '../core/format.ts';
import { t } from '../core/i18n/i18n.ts';
import { addDays } from '../core/parse/date.parser.ts';
import type { Block, Lang, Reply } from '../core/types.ts';
import type { Database, Executor } from '../db/client.ts';
import { deals, members, outbox, workspaces } from '../db/schema.ts';
import { pipelineSummary } from '../kpi/pipeline.service.ts';
import { localClock, localInstant, startOfLocalDay } from '../kpi/period.ts';
import { minutesOf, nudgeSettings } from './nudge-settings.ts';

type WorkspaceRow = typeof workspaces.$inferSelect;

/** Enqueues the digests whose slot has come (once per workspace and day, whatever the replicas). */
export async function planDigests(db: Database, now: Date, only?: { workspaceId: number }): Promise<number> {
  const list = await db.select().from(workspaces).where(only ? eq(workspaces.id, only.workspaceId) : sql`true`);
  let planned = 0;
  for (const ws of list) {
    const settings = nudgeSettings(ws.settings);
    const ref = settings.digest.ref;
    if (!settings.enabled || !ref) continue;
    const clock = localClock(now, ws.timeZone);
    const dayMatches = settings.digest.every === 'day' ? settings.workDays.includes(clock.weekday) : clock.weekday === settings.digest.weekday;
    if (!dayMatches || clock.minutes < minutesOf(settings.digest.at) || clock.minutes >= minutesOf(settings.workEnd)) continue;
    const created = await db
      .insert(outbox)
      .values({
        workspaceId: ws.id,
        kind: 'digest',
        key: `digest:${clock.date}`,
        ref: ref as unknown as Record<string, unknown>,
        window: clock.date,
        nextAttemptAt: now,
        notAfter: localInstant(clock.date, settings.workEnd, ws.timeZone),
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: outbox.id });
    planned += created.length;
  }
  return planned;
}

/** The digest for the period ending on `window` (a week, or a day for daily digests). */
export async function digestReply(tx: Executor, ws: WorkspaceRow, window: string, now: Date): Promise<Reply | null> {
  const settings = nudgeSettings(ws.settings);
  const lang: Lang = ws.defaultLanguage === 'en' ? 'en' : 'fr';
  const from = addDays(window, settings.digest.every === 'day' ? -1 : -7);
  const period = { from, to: window, start: startOfLocalDay(from, ws.timeZone), end: startOfLocalDay(window, ws.timeZone), label: 'digest' };
  // Everyone's deals: the digest reads as an admin would.
  const [admin] = await tx.select().from(members).where(and(eq(members.workspaceId, ws.id), eq(members.role, 'admin'))).orderBy(asc(members.id)).limit(1);
  if (!admin) return null;
  const summary = await pipelineSummary(tx, { viewer: admin, currency: ws.currency, subject: { kind: 'all' } }, period, window, now);
  const staleBefore = new Date(now.getTime() - settings.staleDays * 86_400_000).toISOString();
  const byOwner = await tx
    .select({
      name: members.displayName,
      stale: sql<number>`count(*) filter (where coalesce(${deals.lastActivityAt}, ${deals.createdAt}) < ${staleBefore}::timestamptz)::int`,
      overdue: sql<number>`count(*) filter (where ${deals.nextStepDue} < ${window}::date)::int`,
    })
    .from(deals)
    .innerJoin(members, eq(members.id, deals.ownerId))
    .where(and(eq(deals.workspaceId, ws.id), eq(deals.status, 'open')))
    .groupBy(members.id, members.displayName)
    .orderBy(asc(members.displayName));
  const money = (minor: number) => formatMoney(minor, ws.currency, lang);
  const attention = byOwner.filter((row) => Number(row.stale) > 0 || Number(row.overdue) > 0);
  const blocks: Block[] = [
    { type: 'section', title: t(lang, 'digest.title', { from: formatDate(from, lang), to: formatDate(addDays(window, -1), lang) }) },
    {
      type: 'text',
      text: t(lang, 'pipeline.moved', { created: summary.moved.created, advanced: summary.moved.advanced, won: summary.moved.won, wonAmount: money(summary.moved.wonMinor), lost: summary.moved.lost }),
    },
    {
      type: 'list',
      title: t(lang, 'digest.attention_title', { days: settings.staleDays }),
      items: attention.length === 0 ? [t(lang, 'digest.all_clear')] : attention.map((row) => t(lang, 'digest.owner_line', { name: row.name, stale: Number(row.stale), overdue: Number(row.overdue) })),
    },
    { type: 'text', text: t(lang, 'pipeline.forecast', { amount: money(summary.forecastMinor) }) },
    { type: 'text', text: t(lang, 'digest.footer') },
  ];
  return { blocks, visibility: 'channel', lang };
}
