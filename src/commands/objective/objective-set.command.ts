// /objective set — a manager sets a revenue, deal or activity objective for a member, a team or
// everyone over a period (this month by default). Setting it again replaces it.
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { formatDate, formatMoney, formatNumber } from '../../core/format.ts';
import type { CommandContext } from '../../core/context.ts';
import { parseAmount } from '../../core/parse/amount.parser.ts';
import type { Block } from '../../core/types.ts';
import { addDays } from '../../core/parse/date.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import { objectives } from '../../db/schema.ts';
import { subjectKey } from '../../kpi/objective.service.ts';
import { isPeriodWord, parsePeriod } from '../../kpi/period.ts';
import { choiceLabel, objectiveMetricChoices } from '../shared/choices.ts';
import { assertMayManage, resolveObjectiveSubject } from '../shared/objective-subject.ts';
import { resolveAmount, taxNote } from '../shared/amount-arg.ts';

export const objectiveSetCommand = defineCommand({
  name: 'set',
  aliases: { fr: ['fixer', 'definir'], en: ['set'] },
  description: { fr: 'Fixer un objectif (CA, affaires, activités) pour un membre, une équipe ou tous', en: 'Set an objective (revenue, deals, activities) for a member, a team or everyone' },
  examples: {
    fr: ['/objectif fixer ca 50k mois @marie', '/objectif fixer affaires 12 trimestre equipe:Nord', '/objectif fixer activites 60 semaine-prochaine @paul'],
    en: ['/objective set revenue 50k month @marie', '/objective set deals 12 quarter team:North', '/objective set activities 60 next-week @paul'],
  },
  args: [
    { name: 'metric', kind: 'enum', keys: ['indicateur', 'metric'], position: 0, required: true, choices: objectiveMetricChoices, label: { fr: 'Objectif', en: 'Objective' }, prompt: { fr: 'Quel objectif ?', en: 'Which objective?' }, example: { fr: 'ca', en: 'revenue' } },
    { name: 'target', kind: 'text', keys: ['cible', 'target'], position: 1, required: true, label: { fr: 'Cible', en: 'Target' }, prompt: { fr: 'Quelle cible (50k, 12…) ?', en: 'What target (50k, 12…)?' }, example: { fr: '50k', en: '50k' } },
    { name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, label: { fr: 'Période', en: 'Period' }, prompt: { fr: 'Sur quelle période ?', en: 'Over which period?' }, example: { fr: 'mois', en: 'month' } },
    { name: 'who', kind: 'text', completes: 'member', keys: ['qui', 'who', 'pour', 'for'], position: 2, label: { fr: 'Membre ou équipe', en: 'Member or team' }, prompt: { fr: 'Pour qui (@membre, equipe:Nord, tous) ?', en: 'For whom (@member, team:North, all)?' }, example: { fr: '@marie', en: '@marie' } },
  ],
  schema: z.object({ metric: z.enum(['revenue', 'deals_won', 'activities']), target: z.string().min(1).max(40), period: z.string().optional(), who: z.string().optional() }),
  permission: 'manager',
  handler: async function setObjectiveHandler(ctx) {
    const period = parsePeriod(ctx.args.period ?? 'month', { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const { target, notes } = parseTarget(ctx, ctx.args.metric, ctx.args.target, ctx.workspace.currency, ctx.t('examples.objective_set'));
    const who = await resolveObjectiveSubject(ctx, ctx.args.who);
    assertMayManage(ctx, who);
    const values = {
      workspaceId: ctx.workspace.id,
      metric: ctx.args.metric,
      subject: subjectKey(who.subject),
      memberId: who.memberId,
      team: who.subject.kind === 'team' ? who.subject.name : null,
      periodFrom: period.from,
      periodTo: period.to,
      target,
      setBy: ctx.member.id,
      createdAt: ctx.now(),
    };
    await ctx.tx
      .insert(objectives)
      .values(values)
      .onConflictDoUpdate({ target: [objectives.workspaceId, objectives.metric, objectives.subject, objectives.periodFrom, objectives.periodTo], set: { target, setBy: ctx.member.id } });
    const shown = ctx.args.metric === 'revenue' ? formatMoney(target, ctx.workspace.currency, ctx.lang) : formatNumber(target, ctx.lang);
    ctx.reply([
      {
        type: 'text',
        text: ctx.t('objective.set', {
          metric: choiceLabel(objectiveMetricChoices, ctx.args.metric, ctx.lang),
          target: shown,
          who: who.label,
          from: formatDate(period.from, ctx.lang),
          to: formatDate(addDays(period.to, -1), ctx.lang),
        }),
      },
      ...notes,
    ]);
  },
});

/**
 * Revenue targets are amounts in the workspace currency (minor units), read by the same rules
 * as amount arguments (an ambiguous `50,000` is asked back); others whole counts.
 */
function parseTarget(ctx: Pick<CommandContext, 'ask' | 't' | 'lang'>, metric: string, raw: string, currency: string, example: string): { target: number; notes: Block[] } {
  if (metric === 'revenue') {
    const amount = resolveAmount(ctx, parseAmount(raw, { lang: ctx.lang, currency }), 'target');
    if (amount.currency !== currency) throw new UserError('objective_currency', { currency, example });
    if (amount.minor <= 0) throw new UserError('objective_target_invalid', { input: raw, example });
    return { target: amount.minor, notes: taxNote(ctx, amount) };
  }
  const count = raw.replace(/[\s\u202f\u00a0]/g, '');
  if (!/^\d{1,7}$/.test(count) || Number(count) === 0) throw new UserError('objective_target_invalid', { input: raw, example });
  return { target: Number(count), notes: [] };
}
