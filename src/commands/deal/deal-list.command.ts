// /deal list — my deals, a member's, or everyone's I may see (reps: their own only).
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { formatMoney } from '../../core/format.ts';
import { todayIn } from '../../core/parse/date.parser.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import type { Block } from '../../core/types.ts';
import { stageName } from '../../services/workspace.service.ts';
import { canSeeOthers } from '../../services/access.service.ts';
import { listDeals } from '../../services/deal.service.ts';
import { dealLine } from '../shared/deal-view.ts';
import { resolveMember } from '../shared/resolve-member.ts';
import { resolveStage } from '../shared/resolve-stage.ts';

const STATUS = { open: ['ouvertes', 'ouverts', 'en cours', 'open'], won: ['gagnees', 'won'], lost: ['perdues', 'lost'], all: ['toutes', 'tout', 'all-status', 'statut-tous'] } as const;
const QUALIFICATION = { unqualified: ['non qualifiees', 'non-qualifiees', 'unqualified', 'a qualifier'], weak: ['a faire murir', 'faibles', 'weak', 'nurture'] } as const;
const EVERYONE = new Set(['all', 'tous', 'toutes', 'equipe', 'team', 'everyone']);
const PAGE = 25;

export const dealListCommand = defineCommand({
  name: 'list',
  aliases: { fr: ['liste', 'lister', 'mes'], en: ['list', 'ls'] },
  description: { fr: 'Lister les affaires (les miennes, celles d’un membre, toutes)', en: "List deals (mine, a member's, everyone's)" },
  examples: {
    fr: ['/affaire liste', '/affaire liste tous', '/affaire liste @marie gagnees', '/affaire liste etape:proposition', '/affaire liste tous qualification:non-qualifiees'],
    en: ['/deal list', '/deal list all', '/deal list @marie won', '/deal list stage:proposal', '/deal list all qualification:unqualified'],
  },
  args: [
    { name: 'who', kind: 'text', completes: 'member', keys: ['qui', 'who', 'membre', 'member'], position: 0, label: { fr: 'Responsable', en: 'Owner' }, prompt: { fr: 'Les affaires de qui ?', en: 'Whose deals?' }, example: { fr: 'tous', en: 'all' } },
    { name: 'status', kind: 'text', keys: ['statut', 'status'], position: 1, label: { fr: 'Statut', en: 'Status' }, prompt: { fr: 'Quel statut ?', en: 'Which status?' }, example: { fr: 'gagnees', en: 'won' } },
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], label: { fr: 'Étape', en: 'Stage' }, prompt: { fr: 'Quelle étape ?', en: 'Which stage?' }, example: { fr: 'etape:proposition', en: 'stage:proposal' } },
    {
      name: 'qualification',
      kind: 'enum',
      keys: ['qualification'],
      detect: true,
      choices: [
        { value: 'unqualified', label: { fr: 'Non qualifiées', en: 'Unqualified' }, aliases: [...QUALIFICATION.unqualified] },
        { value: 'weak', label: { fr: 'À faire mûrir', en: 'Weak (to nurture)' }, aliases: [...QUALIFICATION.weak] },
      ],
      label: { fr: 'Qualification', en: 'Qualification' },
      prompt: { fr: 'Quelle qualification ?', en: 'Which qualification?' },
      example: { fr: 'qualification:non-qualifiees', en: 'qualification:unqualified' },
    },
  ],
  schema: z.object({ who: z.string().optional(), status: z.string().optional(), stage: z.string().optional(), qualification: z.enum(['unqualified', 'weak']).optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function listDealsHandler(ctx) {
    let { who, status } = ctx.args;
    // `/deal list won` — a status word in the first slot.
    const statusOf = (word: string | undefined) =>
      word === undefined ? undefined : (Object.keys(STATUS) as Array<keyof typeof STATUS>).find((key) => (STATUS[key] as readonly string[]).some((w) => normalizeKey(w) === normalizeKey(word)));
    if (who !== undefined && status === undefined && statusOf(who)) {
      status = who;
      who = undefined;
    }
    const statusKey = status === undefined ? 'open' : statusOf(status);
    if (!statusKey) throw new UserError('list_status_unknown', { input: status ?? '', example: ctx.t('examples.deal_list') });

    let ownerIds: number[] | undefined = [ctx.member.id];
    let heading: { scope: 'mine' | 'all' | 'member'; name: string } = { scope: 'mine', name: '' };
    if (who !== undefined && EVERYONE.has(normalizeKey(who))) {
      if (!canSeeOthers(ctx.member)) throw new UserError('list_scope_forbidden', { example: ctx.t('examples.deal_list') });
      ownerIds = undefined;
      heading = { scope: 'all', name: '' };
    } else if (who !== undefined) {
      const target = await resolveMember(ctx, who);
      if (target.id !== ctx.member.id && !canSeeOthers(ctx.member)) throw new UserError('list_scope_forbidden', { example: ctx.t('examples.deal_list') });
      ownerIds = [target.id];
      if (target.id !== ctx.member.id) heading = { scope: 'member', name: target.displayName };
    }
    const stage = ctx.args.stage ? await resolveStage(ctx, ctx.args.stage) : undefined;
    const list = await listDeals(ctx.tx, ctx.member, {
      ownerIds,
      status: stage ? 'all' : statusKey,
      stageKey: stage?.key,
      ...(ctx.args.qualification ? { qualification: ctx.args.qualification } : {}),
      limit: PAGE,
    });
    const today = todayIn(ctx.timeZone, ctx.now());
    if (list.total === 0) {
      ctx.reply([{ type: 'text', text: ctx.t('deal.list_empty') }]);
      return;
    }
    const blocks: Block[] = [
      { type: 'list', title: ctx.t('deal.list_heading', { ...heading, status: stage ? 'stage' : statusKey, stage: stage ? stageName(stage, ctx.lang) : '', total: list.total }), items: list.items.map((item) => dealLine(item, ctx.lang, today, ownerIds === undefined || ownerIds[0] !== ctx.member.id)) },
    ];
    if (list.total > list.items.length) blocks.push({ type: 'text', text: ctx.t('deal.list_more', { shown: list.items.length, total: list.total }) });
    for (const sum of list.sums) {
      blocks.push({ type: 'text', text: ctx.t('deal.list_total', { amount: formatMoney(sum.amountMinor, sum.currency, ctx.lang), weighted: formatMoney(sum.weightedMinor, sum.currency, ctx.lang) }) });
    }
    ctx.reply(blocks);
  },
});
