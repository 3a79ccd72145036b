// Finds a pipeline stage by its key or its French or English name.
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { listStages, stageName, type StageRow } from '../../services/workspace.service.ts';

export async function resolveStage(ctx: CommandContext<unknown>, raw: string): Promise<StageRow> {
  const all = await listStages(ctx.tx, ctx.workspace.id);
  const key = normalizeKey(raw);
  const stage = all.find((s) => [s.key, s.nameFr, s.nameEn].some((word) => stageWordMatches(word, key)));
  if (!stage) {
    throw new UserError('stage_unknown', {
      input: raw,
      choices: all.map((s) => stageName(s, ctx.lang)).join(', '),
      example: ctx.t('examples.deal_stage'),
    });
  }
  return stage;
}

/**
 * A stage name matches what was typed (already normalised), in either gender: « Gagnée » is also
 * found as `gagne` and `gagné`, the name it had before migration 0013 (and « Qualifié » as `qualifiee`).
 */
export function stageWordMatches(word: string, typed: string): boolean {
  const name = normalizeKey(word);
  return name === typed || name === `${typed}e` || `${name}e` === typed;
}

/** Stage choices for guided mode buttons. */
export const stageChoices = (all: StageRow[], lang: 'fr' | 'en') => all.map((s) => ({ label: stageName(s, lang), value: s.key }));

/** Guided mode offers the pipeline's stages as buttons. */
export const suggestStages = async (db: Parameters<typeof listStages>[0], scope: { workspace: { id: number }; lang: 'fr' | 'en' }) =>
  stageChoices(await listStages(db, scope.workspace.id), scope.lang);
