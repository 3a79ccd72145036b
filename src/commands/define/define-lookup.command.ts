// /define <query> — a sales term explained, found even misspelled or asked as a question.
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { workspaceGlossary } from '../../services/glossary.service.ts';
import { termCard } from './glossary-card.ts';

export const defineLookupCommand = defineCommand({
  name: 'lookup',
  aliases: { fr: ['chercher', 'cherche'], en: ['lookup', 'search'] },
  description: { fr: 'Expliquer un terme de vente', en: 'Explain a sales term' },
  examples: { fr: ['/definir taux de conversion', "/definir c'est quoi le churn"], en: ['/define churn', '/define what is an ICP'] },
  args: [{ name: 'query', kind: 'text', keys: ['terme', 'term', 'query'], rest: true, required: true, completes: 'term', label: { fr: 'Terme', en: 'Term' }, prompt: { fr: 'Quel terme ?', en: 'Which term?' }, example: { fr: 'panier moyen', en: 'churn' } }],
  schema: z.object({ query: z.string().min(1).max(200) }),
  permission: 'member',
  readOnly: true,
  handler: async function lookupTermHandler(ctx) {
    const index = await workspaceGlossary(ctx.tx, ctx.workspace.id);
    const match = index.search(ctx.args.query);
    if (match.best) {
      ctx.reply(termCard(ctx, match.best, index));
      return;
    }
    if (match.candidates.length > 0) {
      ctx.reply([
        { type: 'text', text: ctx.t('glossary.did_you_mean', { query: ctx.args.query }) },
        { type: 'buttons', buttons: match.candidates.map((entry) => ({ label: entry[ctx.lang].name, actionId: 'run', value: `define ${entry.id}` })) },
      ]);
      return;
    }
    ctx.reply([{ type: 'text', text: ctx.t('glossary.not_found', { query: ctx.args.query }) }]);
  },
});
