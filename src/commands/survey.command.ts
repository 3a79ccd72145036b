// /survey — log a customer's answer to an NPS (0–10) or CSAT (1–5) question.
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { defineCommand } from '../core/registry.ts';
import { surveyResponses } from '../db/schema.ts';
import { getContact } from '../services/directory.service.ts';
import { resolveOrCreate } from './shared/resolve-record.ts';

const RANGE = { nps: [0, 10], csat: [1, 5] } as const;

export const surveyCommand = defineCommand({
  name: 'survey',
  aliases: { fr: ['enquete', 'satisfaction'], en: ['survey', 'satisfaction'] },
  description: { fr: 'Enregistrer une réponse client NPS (0–10) ou CSAT (1–5)', en: 'Log a customer NPS (0–10) or CSAT (1–5) answer' },
  examples: { fr: ['/enquete nps 9 "Acme Corp"', '/enquete csat 4 "Julie Martin"'], en: ['/survey nps 9 "Acme Corp"', '/survey csat 4 "Julie Martin"'] },
  args: [
    {
      name: 'kind',
      kind: 'enum',
      keys: ['type', 'kind'],
      position: 0,
      required: true,
      choices: [
        { value: 'nps', label: { fr: 'NPS (0–10)', en: 'NPS (0–10)' }, aliases: ['nps', 'recommandation'] },
        { value: 'csat', label: { fr: 'CSAT (1–5)', en: 'CSAT (1–5)' }, aliases: ['csat', 'satisfaction'] },
      ],
      label: { fr: 'Type d’enquête', en: 'Survey type' },
      prompt: { fr: 'NPS ou CSAT ?', en: 'NPS or CSAT?' },
      example: { fr: 'nps', en: 'nps' },
    },
    { name: 'score', kind: 'integer', keys: ['note', 'score'], position: 1, required: true, label: { fr: 'Note', en: 'Score' }, prompt: { fr: 'Quelle note ?', en: 'What score?' }, example: { fr: '9', en: '9' } },
    { name: 'customer', kind: 'text', completes: 'company', keys: ['client', 'customer', 'societe', 'company'], position: 2, rest: true, required: true, label: { fr: 'Client', en: 'Customer' }, prompt: { fr: 'Quel client ?', en: 'Which customer?' }, example: { fr: '"Acme Corp"', en: '"Acme Corp"' } },
  ],
  schema: z.object({ kind: z.enum(['nps', 'csat']), score: z.number().int(), customer: z.string().min(1).max(200) }),
  permission: 'member',
  handler: async function surveyHandler(ctx) {
    const [min, max] = RANGE[ctx.args.kind];
    if (ctx.args.score < min || ctx.args.score > max) throw new UserError('survey_score', { kind: ctx.args.kind.toUpperCase(), min, max, example: ctx.t('examples.survey') });
    const customer = await resolveOrCreate(ctx, ctx.args.customer, { kinds: ['company', 'contact'], creatable: ['company'], answerKey: 'match:survey' });
    const contact = customer.kind === 'contact' ? await getContact(ctx.tx, ctx.workspace.id, customer.id) : undefined;
    await ctx.tx.insert(surveyResponses).values({
      workspaceId: ctx.workspace.id,
      kind: ctx.args.kind,
      score: ctx.args.score,
      companyId: customer.kind === 'company' ? customer.id : (contact?.companyId ?? null),
      contactId: contact?.id ?? null,
      respondedAt: ctx.now(),
      loggedBy: ctx.member.id,
      createdAt: ctx.now(),
    });
    ctx.reply([{ type: 'text', text: ctx.t('survey.recorded', { kind: ctx.args.kind.toUpperCase(), score: ctx.args.score, max, name: customer.name }) }]);
  },
});
