// /objective remove — a manager removes an objective set for a period.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { defineCommand } from '../../core/registry.ts';
import { objectives } from '../../db/schema.ts';
import { subjectKey } from '../../kpi/objective.service.ts';
import { isPeriodWord, parsePeriod } from '../../kpi/period.ts';
import { choiceLabel, objectiveMetricChoices } from '../shared/choices.ts';
import { assertMayManage, resolveObjectiveSubject } from '../shared/objective-subject.ts';

export const objectiveRemoveCommand = defineCommand({
  name: 'remove',
  aliases: { fr: ['supprimer', 'retirer'], en: ['remove', 'delete'] },
  description: { fr: 'Supprimer un objectif', en: 'Remove an objective' },
  examples: { fr: ['/objectif supprimer ca mois @marie'], en: ['/objective remove revenue month @marie'] },
  args: [
    { name: 'metric', kind: 'enum', keys: ['indicateur', 'metric'], position: 0, required: true, choices: objectiveMetricChoices, label: { fr: 'Objectif', en: 'Objective' }, prompt: { fr: 'Quel objectif ?', en: 'Which objective?' }, example: { fr: 'ca', en: 'revenue' } },
    { name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, label: { fr: 'Période', en: 'Period' }, prompt: { fr: 'Sur quelle période ?', en: 'Over which period?' }, example: { fr: 'mois', en: 'month' } },
    { name: 'who', kind: 'text', completes: 'member', keys: ['qui', 'who', 'pour', 'for'], position: 1, label: { fr: 'Membre ou équipe', en: 'Member or team' }, prompt: { fr: 'Pour qui (@membre, equipe:Nord, tous) ?', en: 'For whom (@member, team:North, all)?' }, example: { fr: '@marie', en: '@marie' } },
  ],
  schema: z.object({ metric: z.enum(['revenue', 'deals_won', 'activities']), period: z.string().optional(), who: z.string().optional() }),
  permission: 'manager',
  handler: async function removeObjectiveHandler(ctx) {
    const period = parsePeriod(ctx.args.period ?? 'month', { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const who = await resolveObjectiveSubject(ctx, ctx.args.who);
    assertMayManage(ctx, who);
    const removed = await ctx.tx
      .delete(objectives)
      .where(
        and(
          eq(objectives.workspaceId, ctx.workspace.id),
          eq(objectives.metric, ctx.args.metric),
          eq(objectives.subject, subjectKey(who.subject)),
          eq(objectives.periodFrom, period.from),
          eq(objectives.periodTo, period.to),
        ),
      )
      .returning({ id: objectives.id });
    const metric = choiceLabel(objectiveMetricChoices, ctx.args.metric, ctx.lang);
    if (removed.length === 0) throw new UserError('objective_not_found', { metric, who: who.label, example: ctx.t('examples.objective_list') });
    ctx.reply([{ type: 'text', text: ctx.t('objective.removed', { metric, who: who.label }) }]);
  },
});
