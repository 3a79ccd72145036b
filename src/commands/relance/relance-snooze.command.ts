// /relance snooze <deal> <duration> — no reminder about this deal for a while (1 day, 3 days, a
// week, or until a date); the day's pending reminder about it is withdrawn.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { formatDate } from '../../core/format.ts';
import { addDays, parseDate, todayIn } from '../../core/parse/date.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import { deals, nudges } from '../../db/schema.ts';
import { localInstant } from '../../kpi/period.ts';
import { nudgeSettings } from '../../nudges/nudge-settings.ts';
import { parseSnoozeDays } from '../../nudges/schedule.parser.ts';
import { dealArg } from '../shared/deal-arg.ts';
import { resolveDeal } from '../shared/resolve-record.ts';

export const relanceSnoozeCommand = defineCommand({
  name: 'snooze',
  aliases: { fr: ['reporter', 'snooze', 'plus-tard'], en: ['snooze', 'later'] },
  description: { fr: 'Reporter les rappels d’une affaire (1 jour, 3 jours, 1 semaine ou jusqu’à une date)', en: 'Snooze reminders about a deal (1 day, 3 days, 1 week or until a date)' },
  examples: { fr: ['/relance reporter #12 3j', '/relance reporter "Acme renouvellement" 1s', '/relance reporter #12 15/12'], en: ['/relance snooze #12 3d', '/relance snooze "Acme renewal" 1w', '/relance snooze #12 15/12'] },
  args: [
    { ...dealArg, position: 0, required: true },
    { name: 'duration', kind: 'text', keys: ['duree', 'for', 'pendant', 'until', 'jusqua'], position: 1, required: true, label: { fr: 'Durée ou date', en: 'Duration or date' }, prompt: { fr: 'Pour combien de temps (1j, 3j, 1s, une date) ?', en: 'For how long (1d, 3d, 1w, a date)?' }, example: { fr: '3j', en: '3d' } },
  ],
  schema: z.object({ deal: z.string().min(1), duration: z.string().min(1).max(40) }),
  permission: 'member',
  handler: async function snoozeHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const today = todayIn(ctx.timeZone, ctx.now());
    const days = parseSnoozeDays(ctx.args.duration);
    let until: string;
    if (days !== undefined) until = addDays(today, days);
    else {
      try {
        until = parseDate(ctx.args.duration, { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
      } catch {
        throw new UserError('snooze_invalid', { input: ctx.args.duration, example: ctx.t('examples.relance_snooze') });
      }
    }
    if (until <= today || days === 0) throw new UserError('snooze_invalid', { input: ctx.args.duration, example: ctx.t('examples.relance_snooze') });
    // Reminders resume on the morning of that day.
    const resume = localInstant(until, nudgeSettings(ctx.workspace.settings).workStart, ctx.timeZone);
    await ctx.tx.update(deals).set({ snoozedUntil: resume }).where(and(eq(deals.workspaceId, ctx.workspace.id), eq(deals.id, deal.id)));
    await ctx.tx.update(nudges).set({ status: 'cleared' }).where(and(eq(nudges.workspaceId, ctx.workspace.id), eq(nudges.dealId, deal.id), eq(nudges.status, 'pending')));
    ctx.reply([{ type: 'text', text: ctx.t('relance.snoozed', { id: deal.id, name: deal.name, date: formatDate(until, ctx.lang) }) }]);
  },
});
