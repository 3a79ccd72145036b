// An unfinished qualification reminds its rep once, a day after the last answer, in the
// conversation where it started. The reminder is claimed in the row itself (`reminded`), so
// several replicas send it once.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { questionReply } from '../core/question-reply.ts';
import type { PendingCommand } from '../core/dialog-store.ts';
import { pickLang, t } from '../core/i18n/i18n.ts';
import { conversations, members, workspaces } from '../db/schema.ts';
import type { Job, JobContext } from './job.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Must match qualify.command.ts's conversationTtlMs: the last answer was at expiresAt − TTL. */
const TTL = 7 * DAY;

export async function remindUnfinishedQualifications(ctx: JobContext): Promise<number> {
  const now = ctx.now.getTime();
  const claimed = await ctx.db
    .update(conversations)
    .set({ data: sql`jsonb_set(${conversations.data}, '{reminded}', 'true'::jsonb)` })
    .where(
      and(
        eq(conversations.dialog, 'command'),
        sql`${conversations.data}->'path'->>0 = 'qualify'`,
        sql`(${conversations.data}->>'reminded') is null`,
        gt(conversations.expiresAt, new Date(now)),
        // Last answer more than a day ago.
        lt(conversations.expiresAt, new Date(now + TTL - DAY)),
      ),
    )
    .returning();
  let sent = 0;
  for (const row of claimed) {
    const pending = row.data as unknown as PendingCommand;
    if (!pending.ref) continue;
    const [who] = await ctx.db
      .select({ language: members.language, fallback: workspaces.defaultLanguage })
      .from(members)
      .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
      .where(and(eq(members.workspaceId, row.workspaceId), eq(members.platformUserId, pending.ref.userId)))
      .limit(1);
    const lang = pending.lang ?? pickLang(who?.language, undefined, who?.fallback ?? 'fr');
    const reply = questionReply(lang, pending.question, row.flowId);
    reply.blocks.unshift({ type: 'text', text: t(lang, 'qualify.reminder') });
    try {
      await ctx.send(pending.ref, reply);
      sent += 1;
    } catch (error) {
      ctx.logger.error({ err: error, key: row.key }, 'qualification reminder could not be sent');
    }
  }
  return sent;
}

export const qualificationReminderJob: Job = {
  name: 'qualification-reminder',
  cron: '*/15 * * * *',
  run: async (ctx) => {
    await remindUnfinishedQualifications(ctx);
  },
};
