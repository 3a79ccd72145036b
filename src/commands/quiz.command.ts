// /quiz — a definition, four terms, one is right. Answers by buttons; a score per member.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { defineCommand } from '../core/registry.ts';
import { quizScores } from '../db/schema.ts';
import { workspaceGlossary, type GlossaryEntry } from '../services/glossary.service.ts';

/** Hides the term's own names in its definition, or the question would give the answer away. */
function maskNames(definition: string, term: GlossaryEntry): string {
  const names = [term.fr.name, term.en.name, ...term.fr.aliases, ...term.en.aliases].filter((n) => n.length >= 3).sort((a, b) => b.length - a.length);
  let masked = definition;
  for (const name of names) masked = masked.replace(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '____');
  return masked;
}

const pick = <T>(items: T[]): T => items[randomInt(items.length)]!;

export const quizCommand = defineCommand({
  name: 'quiz',
  aliases: { fr: ['quiz', 'question'], en: ['quiz'] },
  description: { fr: 'Tester son vocabulaire de la vente', en: 'Test your sales vocabulary' },
  examples: { fr: ['/quiz'], en: ['/quiz'] },
  args: [],
  schema: z.object({}),
  permission: 'member',
  handler: async function quizHandler(ctx) {
    const index = await workspaceGlossary(ctx.tx, ctx.workspace.id);
    const terms = [...index.entries.values()];
    if (terms.length < 4) {
      ctx.reply([{ type: 'text', text: ctx.t('quiz.not_enough') }]);
      return;
    }
    // The question is drawn at random; once answered, the answer carries what was asked
    // (`correct|chosen`), so the re-run after the click does not depend on the draw.
    const target = pick(terms);
    const sameCategory = terms.filter((t) => t.id !== target.id && t.category === target.category);
    const others = terms.filter((t) => t.id !== target.id && t.category !== target.category);
    // Two look-alikes from the same category when there are some, the rest from anywhere.
    const shuffle = (list: GlossaryEntry[]) => list.map((t) => ({ t, k: randomInt(1_000_000) })).sort((a, b) => a.k - b.k).map((x) => x.t);
    const distractors = shuffle(sameCategory).slice(0, 2);
    for (const candidate of shuffle([...others, ...sameCategory])) {
      if (distractors.length >= 3) break;
      if (!distractors.includes(candidate)) distractors.push(candidate);
    }
    const options = shuffle([target, ...distractors]);
    const answer = ctx.ask({
      key: 'quiz',
      prompt: ctx.t('quiz.question', { definition: maskNames(target[ctx.lang].definition, target) }),
      choices: options.map((t) => ({ label: t[ctx.lang].name, value: `${target.id}|${t.id}` })),
    });
    const [correctId = '', chosenId = ''] = answer.split('|');
    const correct = index.entries.get(correctId);
    const right = correctId === chosenId;
    const [score] = await ctx.tx
      .insert(quizScores)
      .values({ workspaceId: ctx.workspace.id, memberId: ctx.member.id, asked: 1, correct: right ? 1 : 0 })
      .onConflictDoUpdate({
        target: [quizScores.workspaceId, quizScores.memberId],
        set: { asked: sql`${quizScores.asked} + 1`, correct: sql`${quizScores.correct} + ${right ? 1 : 0}` },
      })
      .returning();
    const name = correct ? correct[ctx.lang].name : correctId;
    ctx.reply([
      { type: 'text', text: right ? ctx.t('quiz.right', { name }) : ctx.t('quiz.wrong', { name }) },
      { type: 'text', text: ctx.t('quiz.score', { correct: score?.correct ?? 0, asked: score?.asked ?? 0 }) },
      {
        type: 'buttons',
        buttons: [
          { label: ctx.t('quiz.again'), actionId: 'run', value: 'quiz' },
          ...(correct ? [{ label: ctx.t('quiz.read', { name }), actionId: 'run', value: `define ${correct.id}` }] : []),
        ],
      },
    ]);
  },
});
