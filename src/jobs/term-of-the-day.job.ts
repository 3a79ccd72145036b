// Term of the day: every opted-in channel gets one glossary term each morning (DAILY_HOUR in the
// workspace's time zone), never the same twice until every term has been shown. The day is
// claimed with a conditional UPDATE, so with several replicas exactly one posts it.
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { t } from '../core/i18n/i18n.ts';
import { todayIn } from '../core/parse/date.parser.ts';
import type { ConversationRef, Lang } from '../core/types.ts';
import { glossaryDailyChannels, workspaces } from '../db/schema.ts';
import { DAILY_HOUR } from '../commands/define/define-daily.command.ts';
import { termCard } from '../commands/define/glossary-card.ts';
import { workspaceGlossary } from '../services/glossary.service.ts';
import type { Job, JobContext } from './job.ts';

const hourIn = (timeZone: string, now: Date): number =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));

/** A stable pick among the terms not shown yet, different per channel and day. */
function choose(ids: string[], seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return ids[hash % ids.length]!;
}

export async function postTermsOfTheDay(ctx: JobContext): Promise<number> {
  const rows = await ctx.db
    .select({ channel: glossaryDailyChannels, timeZone: workspaces.timeZone, language: workspaces.defaultLanguage })
    .from(glossaryDailyChannels)
    .innerJoin(workspaces, eq(workspaces.id, glossaryDailyChannels.workspaceId));
  let posted = 0;
  for (const { channel, timeZone, language } of rows) {
    const today = todayIn(timeZone, ctx.now);
    if (hourIn(timeZone, ctx.now) < DAILY_HOUR || channel.lastPostedOn === today) continue;
    const index = await workspaceGlossary(ctx.db, channel.workspaceId);
    const all = [...index.entries.keys()].sort();
    if (all.length === 0) continue;
    const picked = await ctx.db.transaction(async (tx) => {
      const key = and(
        eq(glossaryDailyChannels.workspaceId, channel.workspaceId),
        eq(glossaryDailyChannels.platform, channel.platform),
        eq(glossaryDailyChannels.channelId, channel.channelId),
      );
      const [claimed] = await tx
        .update(glossaryDailyChannels)
        .set({ lastPostedOn: today })
        .where(and(key, or(isNull(glossaryDailyChannels.lastPostedOn), ne(glossaryDailyChannels.lastPostedOn, today))))
        .returning();
      if (!claimed) return undefined;
      const shown = new Set(claimed.shown.filter((id) => all.includes(id)));
      // A full cycle done: start again.
      const unseen = all.filter((id) => !shown.has(id));
      const pool = unseen.length > 0 ? unseen : all;
      const id = choose(pool, `${channel.channelId}:${today}`);
      await tx.update(glossaryDailyChannels).set({ shown: unseen.length > 0 ? [...shown, id] : [id] }).where(key);
      return id;
    });
    if (!picked) continue;
    const term = index.entries.get(picked)!;
    const lang: Lang = language === 'en' ? 'en' : 'fr';
    const view = { lang, t: (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(lang, key, params) };
    try {
      await ctx.send(channel.ref as unknown as ConversationRef, { visibility: 'channel', lang, blocks: [{ type: 'text', text: t(lang, 'glossary.daily_title') }, ...termCard(view, term, index)] });
      posted += 1;
    } catch (error) {
      // The day is claimed: a failed post is logged, not retried into a double post.
      ctx.logger.error({ err: error, channel: channel.channelId }, 'term of the day could not be posted');
    }
  }
  return posted;
}

export const termOfTheDayJob: Job = {
  name: 'term-of-the-day',
  // Every 15 minutes: each workspace's morning comes at its own time zone's DAILY_HOUR.
  cron: '*/15 * * * *',
  run: async (ctx) => {
    await postTermsOfTheDay(ctx);
  },
};
