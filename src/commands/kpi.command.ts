// /kpi [name] [period] [scope] — sales figures next to the previous period of the same length.
import { z } from 'zod';
import { formatDate, formatMoney } from '../core/format.ts';
import { addDays } from '../core/parse/date.parser.ts';
import { defineCommand } from '../core/registry.ts';
import { DEFAULT_KPIS, kpis, type KpiDefinition } from '../kpi/kpi.service.ts';
import { isPeriodWord, parsePeriod, previousPeriod } from '../kpi/period.ts';
import { builtInGlossary } from '../services/glossary.service.ts';
import { resolveKpiScope } from './shared/kpi-scope.ts';


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
      ],
      prompt: { fr: 'Quel indicateur ?', en: 'Which figure?' },
      example: { fr: 'conversion', en: 'revenue' },
    },
    { name: 'period', kind: 'text', keys: ['periode', 'period'], detect: true, recognize: isPeriodWord, prompt: { fr: 'Période', en: 'Period' }, example: { fr: 'trimestre', en: 'quarter' } },
    { name: 'scope', kind: 'text', completes: 'member', keys: ['qui', 'scope', 'who'], position: 0, prompt: { fr: 'Pour qui ? (moi, equipe, tous, @membre)', en: 'For whom? (me, team, all, @member)' }, example: { fr: 'equipe', en: 'team' } },
  ],
  schema: z.object({ name: z.string().optional(), period: z.string().optional(), scope: z.string().optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function kpiHandler(ctx) {
    if (ctx.args.name === 'list') {
      const glossary = builtInGlossary();
      const lines = kpis.map((kpi) => {
        const term = [...glossary.entries.values()].find((t) => t.command === `/kpi ${kpi.key}`);
        const firstSentence = term ? term[ctx.lang].definition.split(/(?<=[.!?])\s/)[0] : '';
        return `${kpi.name[ctx.lang]} (${kpi.key})${firstSentence ? ` — ${firstSentence}` : ''}`;
      });
      ctx.reply([{ type: 'list', title: ctx.t('kpi.list_title'), items: lines }]);
      return;
    }
    const period = parsePeriod(ctx.args.period, { now: ctx.now(), timeZone: ctx.timeZone, lang: ctx.lang });
    const previous = previousPeriod(period, ctx.timeZone);
    const { scope, label: scopeLabel } = await resolveKpiScope(ctx, ctx.args.scope);
    const chosen = ctx.args.name
      ? kpis.filter((kpi) => kpi.key === ctx.args.name)
      : DEFAULT_KPIS.map((key) => kpis.find((kpi) => kpi.key === key)).filter((kpi): kpi is KpiDefinition => kpi !== undefined);
    const format = (kpi: KpiDefinition, value: number | null): string => {
      if (value === null) return ctx.t('kpi.no_data');
      switch (kpi.unit) {
        case 'money':
          return formatMoney(Math.round(value), ctx.workspace.currency, ctx.lang);
        case 'percent':
          return `${value.toLocaleString(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 })} %`;
        case 'days':
          return ctx.t('kpi.days', { days: value.toLocaleString(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }) });
        default:
          return value.toLocaleString(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB');
      }
    };
    const fields = [];
    for (const kpi of chosen) {
      const value = await kpi.compute(ctx.tx, scope, period);
      const before = kpi.snapshot ? null : await kpi.compute(ctx.tx, scope, previous);
      let trend = '';
      if (!kpi.snapshot && value !== null && before !== null) {
        if (before === 0) trend = value === 0 ? ' (=)' : ` (${ctx.t('kpi.previous')} ${format(kpi, before)})`;
        else {
          const change = Math.round(((value - before) / Math.abs(before)) * 100);
          trend = ` (${change >= 0 ? '+' : ''}${change} % · ${ctx.t('kpi.previous')} ${format(kpi, before)})`;
        }
      }
      fields.push({ label: kpi.name[ctx.lang], value: `${format(kpi, value)}${trend}` });
    }
    ctx.reply([
      { type: 'section', title: ctx.t('kpi.title', { scope: scopeLabel, from: formatDate(period.from, ctx.lang), to: formatDate(addDays(period.to, -1), ctx.lang) }) },
      { type: 'fields', fields },
    ]);
  },
});
