// /relance preview — what the morning reminder would say now (and when it would be sent, or why
// not), without sending anything; `/relance preview digest` shows the managers' digest.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { defineCommand } from '../../core/registry.ts';
import type { Block } from '../../core/types.ts';
import { nudges, outbox } from '../../db/schema.ts';
import { localClock } from '../../kpi/period.ts';
import { digestReply } from '../../nudges/digest.service.ts';
import { nudgeReply, pendingNudges } from '../../nudges/nudge-message.ts';
import { dueDealsQuery } from '../../nudges/nudge-planner.service.ts';
import { nudgeSettings } from '../../nudges/nudge-settings.ts';
import { reminderWindow } from '../../nudges/reminder-window.ts';

/** Preview rows live under a day that never comes, inside a savepoint that is rolled back. */
const PREVIEW_WINDOW = '2000-01-01';
class PreviewDone extends Error {}

export const relancePreviewCommand = defineCommand({
  name: 'preview',
  aliases: { fr: ['apercu', 'voir'], en: ['preview'] },
  description: { fr: 'Voir le rappel (ou la synthèse) tel qu’il partirait maintenant, sans l’envoyer', en: 'See the reminder (or digest) as it would be sent now, without sending it' },
  examples: { fr: ['/relance apercu', '/relance apercu synthese'], en: ['/relance preview', '/relance preview digest'] },
  args: [
    {
      name: 'what',
      kind: 'enum',
      keys: ['quoi', 'what'],
      position: 0,
      choices: [
        { value: 'me', label: { fr: 'mon rappel', en: 'my reminder' }, aliases: ['moi', 'me', 'rappel', 'reminder'] },
        { value: 'digest', label: { fr: 'synthèse', en: 'digest' }, aliases: ['synthese', 'digest', 'resume'] },
      ],
      label: { fr: 'Message à prévisualiser', en: 'Message to preview' },
      prompt: { fr: 'Votre rappel ou la synthèse ?', en: 'Your reminder or the digest?' },
      example: { fr: 'synthese', en: 'digest' },
    },
  ],
  schema: z.object({ what: z.enum(['me', 'digest']).optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function previewHandler(ctx) {
    const settings = nudgeSettings(ctx.workspace.settings);
    const now = ctx.now();
    if (ctx.args.what === 'digest') {
      if (ctx.member.role === 'rep') throw new UserError('forbidden', { role: 'manager' });
      const reply = await digestReply(ctx.tx, ctx.workspace, localClock(now, ctx.workspace.timeZone).date, now);
      const where = settings.digest.ref ? ctx.t('relance.preview_digest_where') : ctx.t('relance.digest_off');
      ctx.reply([{ type: 'text', text: `${ctx.t('relance.preview_note')} ${where}` }, ...(reply?.blocks ?? [])]);
      return;
    }
    let blocks: Block[] = [];
    try {
      await ctx.tx.transaction(async (sp) => {
        await sp.execute(sql`
          insert into ${nudges} (workspace_id, member_id, deal_id, "window", reasons, created_at)
          select ${ctx.workspace.id}, owner_id, deal_id, ${PREVIEW_WINDOW}::date, to_jsonb(reasons), ${now.toISOString()}::timestamptz
          from (${dueDealsQuery(ctx.workspace.id, [ctx.member.id], settings, localClock(now, ctx.timeZone).date, now)}) due
          on conflict do nothing`);
        const lines = await pendingNudges(sp, ctx.workspace.id, ctx.member.id, PREVIEW_WINDOW, now);
        blocks = lines.length > 0 ? nudgeReply(ctx.lang, lines).blocks : [{ type: 'text', text: ctx.t('relance.nothing_due') }];
        throw new PreviewDone();
      });
    } catch (error) {
      if (!(error instanceof PreviewDone)) throw error;
    }
    ctx.reply([{ type: 'text', text: `${ctx.t('relance.preview_note')} ${await whenSent(ctx, settings, now)}` }, ...blocks]);
  },
});

async function whenSent(ctx: Parameters<typeof relancePreviewCommand.handler>[0], settings: ReturnType<typeof nudgeSettings>, now: Date): Promise<string> {
  if (!settings.enabled) return ctx.t('relance.when_disabled');
  if (!ctx.member.nudgesEnabled) return ctx.t('relance.when_member_off');
  const window = reminderWindow(settings, ctx.timeZone, now);
  const [sent] = await ctx.tx
    .select({ status: outbox.status })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, ctx.workspace.id), eq(outbox.kind, 'nudges'), eq(outbox.memberId, ctx.member.id), eq(outbox.window, window.window)));
  if (sent) return ctx.t('relance.when_already', { status: ctx.t(`relance.status_${sent.status}`) });
  if (window.open) return ctx.t('relance.when_now');
  return ctx.t(`relance.when_${window.reason}`, { at: settings.sendAt, end: settings.workEnd });
}
