// /spend — a manager enters sales or marketing spend for a period; CAC and ROI divide by it.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { formatDate, formatMoney } from '../core/format.ts';
import { addDays } from '../core/parse/date.parser.ts';
import { defineCommand } from '../core/registry.ts';
import { spendEntries } from '../db/schema.ts';
import { isPeriodWord, parsePeriod } from '../kpi/period.ts';
import { amountArgSchema, resolveAmount, taxNote } from './shared/amount-arg.ts';

export const spendCommand = defineCommand({
  name: 'spend',
  aliases: { fr: ['depenses', 'budget'], en: ['spend', 'costs'] },
  description: { fr: 'Saisir les dépenses commerciales ou marketing d’une période (pour le CAC et le ROI)', en: 'Enter sales or marketing spend for a period (for CAC and ROI)' },
  examples: { fr: ['/depenses 12k mois marketing "salon VivaTech"', '/depenses 8 500 € mois-dernier ventes'], en: ['/spend 12k month marketing "trade fair"', '/spend 8,500 last-month sales'] },
  args: [
    { name: 'amount', kind: 'amount', keys: ['montant', 'amount'], position: 0, required: true, label: { fr: 'Montant', en: 'Amount' }, prompt: { fr: 'Quel montant ?', en: 'How much?' }, example: { fr: '12k', en: '12k' } },
    { name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, label: { fr: 'Période', en: 'Period' }, prompt: { fr: 'Sur quelle période ?', en: 'Over which period?' }, example: { fr: 'mois', en: 'month' } },
    {
      name: 'category',
      kind: 'enum',
      keys: ['categorie', 'category'],
      detect: true,
      choices: [
        { value: 'marketing', label: { fr: 'Marketing', en: 'Marketing' }, aliases: ['marketing', 'mkt', 'pub', 'publicite', 'ads'] },
        { value: 'sales', label: { fr: 'Ventes', en: 'Sales' }, aliases: ['ventes', 'commercial', 'sales', 'vente'] },
      ],
      label: { fr: 'Catégorie', en: 'Category' },
      prompt: { fr: 'Marketing ou ventes ?', en: 'Marketing or sales?' },
      example: { fr: 'marketing', en: 'marketing' },
    },
    { name: 'note', kind: 'text', keys: ['note'], position: 1, rest: true, label: { fr: 'Note', en: 'Note' }, prompt: { fr: 'Une note à ajouter ?', en: 'Any note to add?' }, example: { fr: '"salon VivaTech"', en: '"trade fair"' } },
  ],
  schema: z.object({ amount: amountArgSchema, period: z.string().optional(), category: z.enum(['marketing', 'sales']).optional(), note: z.string().max(500).optional() }),
  permission: 'manager',
  handler: async function spendHandler(ctx) {
    const example = ctx.t('examples.spend');
    const amount = resolveAmount(ctx, ctx.args.amount, 'amount');
    if (amount.currency !== ctx.workspace.currency) throw new UserError('objective_currency', { currency: ctx.workspace.currency, example });
    if (amount.minor <= 0) throw new UserError('spend_invalid', { example });
    const period = parsePeriod(ctx.args.period ?? 'month', { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const category = ctx.args.category ?? 'marketing';
    await ctx.tx.insert(spendEntries).values({
      workspaceId: ctx.workspace.id,
      category,
      periodFrom: period.from,
      periodTo: period.to,
      amountMinor: amount.minor,
      note: ctx.args.note ?? null,
      enteredBy: ctx.member.id,
      createdAt: ctx.now(),
    });
    const [total] = await ctx.tx
      .select({ value: sql<string>`coalesce(sum(${spendEntries.amountMinor}), 0)` })
      .from(spendEntries)
      .where(and(eq(spendEntries.workspaceId, ctx.workspace.id), lt(spendEntries.periodFrom, period.to), gt(spendEntries.periodTo, period.from)));
    const money = (minor: number) => formatMoney(minor, ctx.workspace.currency, ctx.lang);
    ctx.reply([
      {
        type: 'text',
        text: ctx.t('spend.recorded', {
          amount: money(amount.minor),
          category,
          from: formatDate(period.from, ctx.lang),
          to: formatDate(addDays(period.to, -1), ctx.lang),
          periodTotal: money(Number(total?.value ?? 0)),
        }),
      },
      ...taxNote(ctx, amount),
    ]);
  },
});
