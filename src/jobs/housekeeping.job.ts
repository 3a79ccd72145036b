// Nightly clean-up of rows that only matter for a while: processed event keys (retries come
// within minutes), finished dialogs, coordinator slots, sent messages, old reminders, and inbox
// deliveries finished more than a day ago (kept that long for support).
import { and, inArray, lt, sql } from 'drizzle-orm';
import { conversations, jobRuns, nudges, outbox, processedEvents } from '../db/schema.ts';
import { purgeInbox } from '../inbox/inbox.service.ts';
import type { Job } from './job.ts';

const DAY = 86_400_000;

export const housekeepingJob: Job = {
  name: 'housekeeping',
  cron: '0 17 3 * * *',
  distributed: true,
  run: async (ctx) => {
    const before = (days: number) => new Date(ctx.now.getTime() - days * DAY);
    await ctx.db.delete(processedEvents).where(lt(processedEvents.createdAt, before(7)));
    await ctx.db.delete(conversations).where(lt(conversations.expiresAt, before(1)));
    await ctx.db.delete(jobRuns).where(lt(jobRuns.claimedAt, before(7)));
    await ctx.db.delete(outbox).where(and(inArray(outbox.status, ['sent', 'expired', 'failed']), lt(outbox.createdAt, before(30))));
    await purgeInbox(ctx.db, before(1));
    await ctx.db.delete(nudges).where(lt(nudges.window, sql`${before(90).toISOString().slice(0, 10)}::date`));
  },
};
