// /qualify — a guided BANT (or MEDDIC, MEDDPICC) conversation on a deal: one criterion per
// question, buttons for the usual answers, `back`/`retour` to change the previous one,
// `skip`/`passer` to leave it open; then a score, the gaps, the next question to ask, and a
// move to "qualified" when the deal earns it and the rep agrees.
import { z } from 'zod';
import { defineCommand } from '../core/registry.ts';
import { qualifications } from '../db/schema.ts';
import { answerLabels, DEFAULT_THRESHOLDS, frameworks, scoreAnswers, type AnswerValue } from '../qualification/frameworks.ts';
import { updateDeal } from '../services/deal.service.ts';
import { and, desc, eq } from 'drizzle-orm';
import { UserError } from '../core/errors.ts';
import { createContact } from '../services/directory.service.ts';
import { matchRecords } from '../services/record-match.service.ts';
import { formatDate, formatMoney } from '../core/format.ts';
import { listStages, stageName } from '../services/workspace.service.ts';
import { dealArg } from './shared/deal-arg.ts';
import { resolveAmount } from './shared/amount-arg.ts';
import type { Amount, ParsedAmount } from '../core/parse/amount.parser.ts';
import { resolveDeal } from './shared/resolve-record.ts';
import { formatList } from './shared/kpi-format.ts';

const ANSWERS: AnswerValue[] = ['confirmed', 'partial', 'unknown', 'negative'];
/** Every criterion of every framework, once (MEDDIC's are shared with MEDDPICC). */
const allCriteria = [...new Map(Object.values(frameworks).flatMap((f) => f.criteria).map((c) => [c.key, c])).values()];

export const qualifyCommand = defineCommand({
  name: 'qualify',
  aliases: { fr: ['qualifier', 'qualif'], en: ['qualify'] },
  description: { fr: 'Qualifier une affaire (BANT, MEDDIC, MEDDPICC), question par question', en: 'Qualify a deal (BANT, MEDDIC, MEDDPICC), one question at a time' },
  examples: {
    fr: ['/qualifier #12', '/qualifier "Acme renouvellement" meddic', '/qualifier #12 budget'],
    en: ['/qualify #12', '/qualify "Acme renewal" meddpicc', '/qualify #12 timing'],
  },
  args: [
    dealArg,
    {
      name: 'framework',
      kind: 'enum',
      keys: ['methode', 'framework', 'method'],
      detect: true,
      choices: [
        { value: 'bant', label: { fr: 'BANT', en: 'BANT' } },
        { value: 'meddic', label: { fr: 'MEDDIC', en: 'MEDDIC' } },
        { value: 'meddpicc', label: { fr: 'MEDDPICC', en: 'MEDDPICC' } },
      ],
      label: { fr: 'Méthode', en: 'Framework' },
      prompt: { fr: 'Quelle méthode ?', en: 'Which framework?' },
      example: { fr: 'meddic', en: 'meddic' },
    },
    {
      // `/qualify #12 budget`: answer one criterion again, keeping the others from last time.
      name: 'criterion',
      kind: 'enum',
      keys: ['critere', 'criterion'],
      detect: true,
      choices: allCriteria.map((criterion) => ({ value: criterion.key, label: criterion.name, aliases: [criterion.key.replace(/_/g, ' ')] })),
      label: { fr: 'Critère à revoir', en: 'Criterion to revise' },
      prompt: { fr: 'Quel critère revoir ?', en: 'Which criterion should be revised?' },
      example: { fr: 'budget', en: 'budget' },
    },
  ],
  schema: z.object({
    deal: z.string().min(1),
    framework: z.enum(['bant', 'meddic', 'meddpicc']).optional(),
    criterion: z.string().optional(),
  }),
  permission: 'member',
  // A qualification can be finished after the next call: the questions wait a week,
  // `/qualify <deal>` again resumes, and a reminder comes after a day (qualification-reminder job).
  conversationTtlMs: 7 * 24 * 60 * 60 * 1000,
  flowLabel: { fr: 'La qualification de {subject}', en: 'The qualification of {subject}' },
  handler: async function qualifyDealHandler(ctx) {
    const deal = await resolveDeal(ctx, ctx.args.deal);
    const preferred = ctx.workspace.settings['qualificationFramework'];
    let framework = frameworks[ctx.args.framework ?? (preferred === 'meddic' || preferred === 'meddpicc' ? preferred : 'bant')];
    const answers: Record<string, AnswerValue | 'skipped'> = {};
    // Revising one criterion starts from the latest qualification of the deal.
    let only: string | undefined;
    if (ctx.args.criterion) {
      const [latest] = await ctx.tx
        .select()
        .from(qualifications)
        .where(and(eq(qualifications.workspaceId, ctx.workspace.id), eq(qualifications.dealId, deal.id)))
        .orderBy(desc(qualifications.createdAt), desc(qualifications.id))
        .limit(1);
      const previous = latest ? frameworks[latest.framework as keyof typeof frameworks] : undefined;
      if (!latest || !previous) throw new UserError('qualify_none_yet', { name: deal.name, example: `/${ctx.lang === 'fr' ? 'qualifier' : 'qualify'} #${deal.id}` });
      if (!previous.criteria.some((c) => c.key === ctx.args.criterion)) {
        throw new UserError('qualify_criterion_other', { framework: previous.name, choices: formatList(ctx.lang, previous.criteria.map((c) => c.name[ctx.lang])) });
      }
      framework = previous;
      Object.assign(answers, latest.answers);
      only = ctx.args.criterion;
    }
    // BANT answers that carry data: asked right after the criterion, typed or skipped.
    const structured: { amount?: Amount; closeDate?: string; decisionMaker?: string } = {};
    const skip = { label: ctx.t('qualify.skip'), value: 'skipped' };
    const askData = (key: string, prompt: string, input: 'amount' | 'date' | 'text'): string | undefined => {
      const typed = ctx.ask({ key: `q:${key}`, prompt, input, choices: [skip], ...(input === 'date' ? { notBeforeToday: true } : {}) });
      return typed === 'skipped' ? undefined : typed;
    };
    framework.criteria.forEach((criterion, i) => {
      if (only && criterion.key !== only) return;
      const answer = ctx.ask({
        key: `q:${criterion.key}`,
        prompt: ctx.t('qualify.question', { framework: framework.name, step: i + 1, steps: framework.criteria.length, criterion: criterion.name[ctx.lang], question: criterion.question[ctx.lang] }),
        details: [{ type: 'text', text: ctx.t('qualify.step_hint') }],
        choices: [...ANSWERS.map((value) => ({ label: answerLabels[value][ctx.lang], value })), { label: ctx.t('qualify.skip'), value: 'skipped' }],
      });
      answers[criterion.key] = answer as AnswerValue | 'skipped';
      if (framework.key !== 'bant' || (answer !== 'confirmed' && answer !== 'partial')) return;
      if (criterion.key === 'budget' && deal.amountMinor === null) {
        const typed = askData('budget_amount', ctx.t('qualify.ask_budget'), 'amount');
        // A typed `15,000` (French) is asked back like an amount argument.
        if (typed) structured.amount = resolveAmount(ctx, JSON.parse(typed) as ParsedAmount, 'q:budget_amount');
      }
      if (criterion.key === 'authority' && deal.contactId === null) {
        const typed = askData('decision_maker', ctx.t('qualify.ask_decision_maker'), 'text');
        if (typed) structured.decisionMaker = JSON.parse(typed) as string;
      }
      if (criterion.key === 'timing') {
        const typed = askData('decision_date', ctx.t('qualify.ask_decision_date'), 'date');
        if (typed) structured.closeDate = JSON.parse(typed) as string;
      }
    });
    const settings = ctx.workspace.settings;
    const thresholds = {
      qualified: typeof settings['qualifiedThreshold'] === 'number' ? settings['qualifiedThreshold'] : DEFAULT_THRESHOLDS.qualified,
      nurture: typeof settings['nurtureThreshold'] === 'number' ? settings['nurtureThreshold'] : DEFAULT_THRESHOLDS.nurture,
    };
    const { score, verdict, gaps } = scoreAnswers(framework, answers, thresholds);
    await ctx.tx.insert(qualifications).values({
      workspaceId: ctx.workspace.id,
      dealId: deal.id,
      framework: framework.key,
      answers,
      score,
      verdict,
      qualifiedBy: ctx.member.id,
      createdAt: ctx.now(),
    });
    const lines = [
      ctx.t('qualify.result', { framework: framework.name, name: deal.name, score, verdict: ctx.t(`qualify.verdict_${verdict}`) }),
      ...framework.criteria.map((criterion) => {
        const answer = answers[criterion.key] ?? 'skipped';
        return ctx.t('qualify.criterion_line', { answer, criterion: criterion.name[ctx.lang], label: answer === 'skipped' ? ctx.t('qualify.skipped') : answerLabels[answer][ctx.lang] });
      }),
    ];
    if (gaps[0]) lines.push(ctx.t('qualify.next_question', { question: gaps[0].tip[ctx.lang] }));
    // What the answers taught us goes onto the deal (never overwriting an amount or a contact).
    const changes: string[] = [];
    let contactId: number | undefined;
    if (structured.decisionMaker) {
      const found = await matchRecords(ctx.tx, ctx.member, structured.decisionMaker, ['contact']);
      contactId = found.exact[0]?.id ?? (await createContact(ctx.tx, ctx.workspace.id, structured.decisionMaker, deal.companyId, ctx.now())).id;
      changes.push(ctx.t('qualify.change_contact', { name: structured.decisionMaker }));
    }
    if (structured.amount) changes.push(ctx.t('qualify.change_amount', { amount: formatMoney(structured.amount.minor, structured.amount.currency, ctx.lang) }));
    if (structured.closeDate) changes.push(ctx.t('qualify.change_close', { date: formatDate(structured.closeDate, ctx.lang) }));
    if (changes.length > 0) {
      await updateDeal(
        ctx.tx,
        ctx.member,
        deal,
        {
          ...(structured.amount ? { amountMinor: structured.amount.minor, currency: structured.amount.currency } : {}),
          ...(structured.closeDate ? { expectedCloseDate: structured.closeDate } : {}),
          ...(contactId !== undefined ? { contactId } : {}),
        },
        ctx.now(),
      );
      lines.push(ctx.t('qualify.deal_updated', { changes: formatList(ctx.lang, changes) }));
      if (structured.amount?.tax === 'incl') lines.push(ctx.t('amount.incl_tax_recorded', { amount: formatMoney(structured.amount.minor, structured.amount.currency, ctx.lang) }));
    }
    // Qualified and still before the "qualified" stage: once all of this is saved, offer the move
    // (its own question: walking away from it loses nothing announced above).
    const stages = await listStages(ctx.tx, ctx.workspace.id);
    const qualified = stages.find((s) => s.key === 'qualified');
    const current = stages.find((s) => s.key === deal.stage);
    if (verdict === 'qualified' && qualified && current && current.outcome === 'open' && current.position < qualified.position) {
      ctx.offer({
        prompt: ctx.t('qualify.ask_move', { name: deal.name, stage: stageName(qualified, ctx.lang) }),
        yes: ctx.t('common.yes'),
        no: ctx.t('common.no'),
        declined: ctx.t('qualify.move_declined', { name: deal.name, stage: stageName(current, ctx.lang) }),
        path: ['deal', 'stage'],
        values: { deal: `#${deal.id}`, stage: qualified.key },
      });
    }
    ctx.reply(lines.map((text) => ({ type: 'text' as const, text })));
  },
});
