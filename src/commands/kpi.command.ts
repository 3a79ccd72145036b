// /kpi [name] [period] [scope] — sales figures next to the previous period of the same length,
// with the objective where one is set and a trend chart.
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { formatDate, formatMoney } from '../core/format.ts';
import { addDays } from '../core/parse/date.parser.ts';
import { defineCommand } from '../core/registry.ts';
import type { Block } from '../core/types.ts';
import { DEFAULT_KPIS, kpis, revenueByRep, type KpiDefinition } from '../kpi/kpi.service.ts';
import { objectiveTarget } from '../kpi/objective.service.ts';
import { isPeriodWord, parsePeriod, previousPeriod } from '../kpi/period.ts';
import { chartsEnabled, kpiTrendBlock } from './shared/kpi-chart.ts';
import { formatKpiLine } from './shared/kpi-format.ts';
import { resolveKpiScope } from './shared/kpi-scope.ts';
import { unknownKpiError } from './shared/kpi-unknown.ts';

const RANKING = 'revenue_per_rep';

export const kpiCommand = defineCommand({
  name: 'kpi',
  aliases: { fr: ['kpi', 'indicateurs', 'chiffres'], en: ['kpi', 'metrics'] },
  description: { fr: 'Vos indicateurs commerciaux, comparés à la période précédente', en: 'Your sales figures, compared with the previous period' },
  examples: {
    fr: ['/kpi', '/kpi conversion trimestre equipe', '/kpi ca mois-dernier @marie', '/kpi panier 90j', '/kpi liste'],
    en: ['/kpi', '/kpi conversion quarter team', '/kpi revenue last-month @marie', '/kpi average_deal_size 90d', '/kpi list'],
  },
  args: [
    {
      name: 'name',
      kind: 'enum',
      keys: ['indicateur', 'kpi', 'name'],
      detect: true,
      choices: [
        { value: 'list', label: { fr: 'liste', en: 'list' }, aliases: ['liste', 'list', 'tous les kpi', 'all kpis'] },
        ...kpis.map((kpi) => ({ value: kpi.key, label: kpi.name, aliases: [kpi.key, ...kpi.aliases] })),
        { value: RANKING, label: { fr: 'CA par commercial', en: 'Revenue per rep' }, aliases: [RANKING, 'ca par commercial', 'classement', 'ranking', 'par commercial', 'per rep'] },
      ],
      label: { fr: 'Indicateur', en: 'Figure' },
      prompt: { fr: 'Quel indicateur ?', en: 'Which figure?' },
      example: { fr: 'conversion', en: 'revenue' },
    },
    { name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, label: { fr: 'Période', en: 'Period' }, prompt: { fr: 'Sur quelle période ?', en: 'Over which period?' }, example: { fr: 'trimestre', en: 'quarter' } },
    { name: 'scope', kind: 'text', completes: 'member', keys: ['qui', 'scope', 'who'], position: 0, label: { fr: 'Périmètre', en: 'Scope' }, prompt: { fr: 'Pour qui (moi, equipe, tous, @membre) ?', en: 'For whom (me, team, all, @member)?' }, example: { fr: 'equipe', en: 'team' } },
  ],
  schema: z.object({ name: z.string().optional(), period: z.string().optional(), scope: z.string().optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function kpiHandler(ctx) {
    if (ctx.args.name === 'list') {
      // Each figure with its own one-line definition (what this figure counts, not the glossary's wider term).
      const lines = kpis.map((kpi) => ctx.t('kpi.list_line', { name: kpi.name[ctx.lang], key: kpi.key, summary: kpi.summary[ctx.lang] }));
      const ranking = ctx.t('kpi.list_line', { name: ctx.t('kpi.ranking_name'), key: RANKING, summary: ctx.t('kpi.ranking_definition') });
      ctx.reply([{ type: 'list', title: ctx.t('kpi.list_title'), items: [...lines, ranking] }]);
      return;
    }
    const period = parsePeriod(ctx.args.period, { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const previous = previousPeriod(period, ctx.timeZone);
    // With no figure named, a word that is nothing else was meant as one (`/kpi convrsion`).
    const unknownWord = ctx.args.name === undefined ? (word: string) => unknownKpiError(ctx, word) : undefined;
    const { scope, label, group } = await resolveKpiScope(ctx, ctx.args.scope, unknownWord ? { unknownWord } : {});
    const title: Block = { type: 'section', title: ctx.t('kpi.title', { scope: label, from: formatDate(period.from, ctx.lang), to: formatDate(addDays(period.to, -1), ctx.lang) }) };
    // A manager may share team figures in a channel; one person's figures are always private.
    const visibility = group && ctx.member.role !== 'rep' && !ctx.ref.isDM ? 'channel' : 'private';

    if (ctx.args.name === RANKING) {
      if (ctx.member.role === 'rep') throw new UserError('kpi_managers_only', { example: ctx.t('examples.kpi') });
      const rows = await revenueByRep(ctx.tx, scope, period);
      // Ranking people in public needs the workspace's explicit consent (French labour code).
      const shared = visibility === 'channel' && ctx.workspace.settings['publicRanking'] === true;
      const blocks: Block[] = [
        title,
        {
          type: 'list',
          title: ctx.t('kpi.ranking_name'),
          items: rows.length === 0 ? [ctx.t('kpi.no_data')] : rows.map((r, i) => ctx.t('kpi.ranking_line', { rank: String(i + 1), name: r.name, amount: formatMoney(r.revenueMinor, ctx.workspace.currency, ctx.lang), count: r.won })),
        },
      ];
      if (visibility === 'channel' && !shared) blocks.push({ type: 'text', text: ctx.t('kpi.ranking_private') });
      ctx.reply({ blocks, visibility: shared ? 'channel' : 'private' });
      return;
    }

    const chosen = ctx.args.name
      ? kpis.filter((kpi) => kpi.key === ctx.args.name)
      : DEFAULT_KPIS.map((key) => kpis.find((kpi) => kpi.key === key)).filter((kpi): kpi is KpiDefinition => kpi !== undefined);
    if (ctx.member.role === 'rep' && chosen.some((kpi) => kpi.managersOnly)) throw new UserError('kpi_managers_only', { example: ctx.t('examples.kpi') });
    const fields = [];
    let chart: Parameters<typeof kpiTrendBlock>[4] | undefined;
    let chartObjective: number | null = null;
    for (const kpi of chosen) {
      const current = await kpi.compute(ctx.tx, scope, period);
      const before = kpi.snapshot ? null : await kpi.compute(ctx.tx, scope, previous);
      const objective = kpi.objective && !kpi.workspaceWide ? await objectiveTarget(ctx.tx, scope, kpi.objective, period) : null;
      const name = kpi.workspaceWide && scope.subject.kind !== 'all' ? `${kpi.name[ctx.lang]} (${ctx.t('kpi.workspace_wide')})` : kpi.name[ctx.lang];
      fields.push({ label: name, value: formatKpiLine(ctx, kpi, current, before, objective) });
      if (!chart && before) {
        chart = { current, previous: before };
        chartObjective = objective;
      }
    }
    const blocks: Block[] = [title, { type: 'fields', fields }];
    const charted = chosen.find((kpi) => !kpi.snapshot);
    const image = charted && chart && chartsEnabled(ctx) ? await kpiTrendBlock(ctx, charted, scope, period, chart, chartObjective) : null;
    if (image) blocks.push(image);
    ctx.reply({ blocks, visibility });
  },
});
