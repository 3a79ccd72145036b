// /kpi [name] [period] [scope] — sales figures next to the previous period of the same length.
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { UserError } from '../core/errors.ts';
import { formatDate, formatMoney } from '../core/format.ts';
import { addDays } from '../core/parse/date.parser.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { defineCommand } from '../core/registry.ts';
import { members } from '../db/schema.ts';
import { DEFAULT_KPIS, kpis, type KpiDefinition, type KpiScope } from '../kpi/kpi.service.ts';
import { isPeriodWord, parsePeriod, previousPeriod } from '../kpi/period.ts';
import { builtInGlossary } from '../services/glossary.service.ts';
import { resolveMember } from './shared/resolve-member.ts';

const SELF = new Set(['me', 'moi', 'mine', 'mes']);
const TEAM = new Set(['team', 'equipe', 'mon equipe', 'my team']);
const ALL = new Set(['all', 'tous', 'tout', 'everyone', 'tout le monde']);

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
    // Who: reps see their own numbers only (objective criteria, French labour code).
    const who = ctx.args.scope ? normalizeKey(ctx.args.scope) : 'me';
    let memberIds: number[] | undefined = [ctx.member.id];
    let scopeLabel = ctx.t('kpi.scope_me');
    if (!SELF.has(who)) {
      if (ctx.member.role === 'rep') throw new UserError('kpi_scope_forbidden', { example: ctx.t('examples.kpi') });
      if (ALL.has(who)) {
        memberIds = undefined;
        scopeLabel = ctx.t('kpi.scope_all');
      } else if (TEAM.has(who)) {
        const team = ctx.member.team
          ? await ctx.tx.select({ id: members.id }).from(members).where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.team, ctx.member.team)))
          : undefined;
        memberIds = team?.map((m) => m.id);
        scopeLabel = ctx.member.team ? ctx.t('kpi.scope_team', { team: ctx.member.team }) : ctx.t('kpi.scope_all');
      } else {
        const target = await resolveMember(ctx, ctx.args.scope ?? '');
        memberIds = [target.id];
        scopeLabel = target.displayName;
      }
    }
    const scope: KpiScope = { viewer: ctx.member, ...(memberIds ? { memberIds } : {}), currency: ctx.workspace.currency };
    const chosen = ctx.args.name ? kpis.filter((kpi) => kpi.key === ctx.args.name) : kpis.filter((kpi) => DEFAULT_KPIS.includes(kpi.key));
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
