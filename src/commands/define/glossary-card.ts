// How a glossary term looks in a reply.
import type { CommandContext } from '../../core/context.ts';
import type { Block } from '../../core/types.ts';
import type { GlossaryEntry, GlossaryIndex } from '../../services/glossary.service.ts';

export const categoryLabel = (ctx: Pick<CommandContext<unknown>, 't'>, category: string): string => ctx.t(`glossary.categories.${category}` as never) || category;

export function termCard(ctx: Pick<CommandContext<unknown>, 't' | 'lang'>, term: GlossaryEntry, index: GlossaryIndex): Block[] {
  const mine = term[ctx.lang];
  const blocks: Block[] = [
    { type: 'section', title: mine.name, text: mine.definition },
    {
      type: 'fields',
      fields: [
        { label: ctx.t('glossary.french'), value: term.fr.name },
        { label: ctx.t('glossary.english'), value: term.en.name },
        { label: ctx.t('glossary.category'), value: categoryLabel(ctx, term.category) },
        ...(term.formula ? [{ label: ctx.t('glossary.formula'), value: term.formula[ctx.lang] }] : []),
      ],
    },
  ];
  const related = term.related.map((id) => index.entries.get(id)).filter((entry): entry is GlossaryEntry => entry !== undefined);
  if (term.command) blocks.push({ type: 'text', text: ctx.t('glossary.try_command', { command: term.command }) });
  if (term.team) blocks.push({ type: 'text', text: ctx.t('glossary.team_term') });
  if (related.length > 0) {
    blocks.push({ type: 'text', text: ctx.t('glossary.related') });
    blocks.push({ type: 'buttons', buttons: related.map((entry) => ({ label: entry[ctx.lang].name, actionId: 'run', value: `define ${entry.id}` })) });
  }
  return blocks;
}
