// /define list [category|letter] [page:N] — browse the glossary.
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import { glossaryCategories } from '../../glossary/glossary.schema.ts';
import { workspaceGlossary } from '../../services/glossary.service.ts';
import { categoryLabel } from './glossary-card.ts';

const PAGE = 30;

export const defineListCommand = defineCommand({
  name: 'list',
  aliases: { fr: ['liste', 'tout'], en: ['list', 'all'] },
  description: { fr: 'Parcourir le glossaire (par catégorie ou par lettre)', en: 'Browse the glossary (by category or letter)' },
  examples: { fr: ['/definir liste', '/definir liste kpi', '/definir liste c'], en: ['/define list', '/define list kpi', '/define list c page:2'] },
  args: [
    { name: 'filter', kind: 'text', keys: ['filtre', 'filter', 'categorie', 'category'], position: 0, label: { fr: 'Catégorie ou lettre', en: 'Category or letter' }, prompt: { fr: 'Quelle catégorie ou quelle lettre ?', en: 'Which category or letter?' }, example: { fr: 'kpi', en: 'kpi' } },
    { name: 'page', kind: 'integer', keys: ['page'], label: { fr: 'Page', en: 'Page' }, prompt: { fr: 'Quelle page ?', en: 'Which page?' }, example: { fr: 'page:2', en: 'page:2' } },
  ],
  schema: z.object({ filter: z.string().optional(), page: z.number().int().min(1).max(100).optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function listTermsHandler(ctx) {
    const index = await workspaceGlossary(ctx.tx, ctx.workspace.id);
    const lang = ctx.lang;
    let terms = [...index.entries.values()];
    const filter = ctx.args.filter ? normalizeKey(ctx.args.filter) : undefined;
    let heading: string | undefined;
    if (filter) {
      const category = glossaryCategories.find((c) => normalizeKey(c) === filter || normalizeKey(categoryLabel(ctx, c)) === filter);
      if (category) {
        terms = terms.filter((t) => t.category === category);
        heading = categoryLabel(ctx, category);
      } else if (/^[a-z0-9]$/.test(filter)) {
        terms = terms.filter((t) => normalizeKey(t[lang].name).startsWith(filter));
        heading = filter.toUpperCase();
      } else {
        throw new UserError('glossary_filter_unknown', { input: ctx.args.filter ?? '', choices: glossaryCategories.map((c) => categoryLabel(ctx, c)).join(', ') });
      }
    }
    terms.sort((a, b) => a[lang].name.localeCompare(b[lang].name, lang));
    const title = heading ? ctx.t('glossary.list_title_filtered', { filter: heading, count: terms.length }) : ctx.t('glossary.list_title', { count: terms.length });
    const pages = Math.max(1, Math.ceil(terms.length / PAGE));
    const page = Math.min(ctx.args.page ?? 1, pages);
    const shown = terms.slice((page - 1) * PAGE, page * PAGE);
    ctx.reply([
      { type: 'list', title, items: shown.map((t) => `${t[lang].name} — ${t[lang === 'fr' ? 'en' : 'fr'].name}`) },
      ...(page < pages
        ? [
            { type: 'text' as const, text: ctx.t('glossary.list_page', { page, pages }) },
            { type: 'buttons' as const, buttons: [{ label: ctx.t('glossary.next_page'), actionId: 'run', value: `define list ${ctx.args.filter ?? ''} page:${page + 1}`.replace(/\s+/g, ' ') }] },
          ]
        : []),
    ]);
  },
});
