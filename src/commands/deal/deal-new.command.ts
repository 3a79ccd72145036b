// /deal new — opens a deal for a company (matched or, once confirmed, created), with amount,
// stage, expected close date and primary contact.
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { formatDate } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { createDeal } from '../../services/deal.service.ts';
import { listStages, stageName } from '../../services/workspace.service.ts';
import { moneyOrDash } from '../shared/deal-view.ts';
import { resolveOrCreate } from '../shared/resolve-record.ts';
import { resolveStage } from '../shared/resolve-stage.ts';
import { resolveMember } from '../shared/resolve-member.ts';
import { amountArgSchema, resolveAmount, taxNote } from '../shared/amount-arg.ts';

const schema = z.object({
  name: z.string().min(1).max(200),
  company: z.string().min(1).max(200),
  amount: amountArgSchema.optional(),
  close: z.string().optional(),
  contact: z.string().max(200).optional(),
  stage: z.string().optional(),
  owner: z.string().optional(),
});

export const dealNewCommand = defineCommand({
  name: 'new',
  aliases: { fr: ['nouvelle', 'nouveau', 'creer', 'ajouter'], en: ['new', 'create', 'add'] },
  description: { fr: 'Créer une affaire', en: 'Create a deal' },
  examples: {
    fr: ['/affaire nouvelle "Acme renouvellement" Acme 15k€ cloture:"fin du mois" contact:"Marie Dupont"'],
    en: ['/deal new "Acme renewal" Acme 15k€ close:"end of month" contact:"Marie Dupont"'],
  },
  args: [
    { name: 'name', kind: 'text', keys: ['nom', 'name'], position: 0, required: true, label: { fr: 'Nom de l’affaire', en: 'Deal name' }, prompt: { fr: 'Quel est le nom de l’affaire ?', en: 'What is the deal called?' }, example: { fr: '"Acme renouvellement"', en: '"Acme renewal"' } },
    { name: 'company', kind: 'text', completes: 'company', keys: ['societe', 'entreprise', 'company', 'compte', 'account'], position: 1, required: true, label: { fr: 'Société', en: 'Company' }, prompt: { fr: 'Pour quelle société ?', en: 'Which company is it for?' }, example: { fr: 'Acme', en: 'Acme' } },
    { name: 'amount', kind: 'amount', keys: ['montant', 'amount', 'valeur', 'value'], detect: true, label: { fr: 'Montant', en: 'Amount' }, prompt: { fr: 'Quel montant ?', en: 'What is the amount?' }, example: { fr: '15k€', en: '15k€' } },
    { name: 'close', kind: 'date', keys: ['cloture', 'signature', 'close', 'closing'], label: { fr: 'Date de signature prévue', en: 'Expected close date' }, prompt: { fr: 'Quand la signature est-elle prévue ?', en: 'When is it expected to close?' }, example: { fr: 'cloture:30/12', en: 'close:"in 2 weeks"' } },
    { name: 'contact', kind: 'text', completes: 'contact', keys: ['contact'], label: { fr: 'Contact principal', en: 'Main contact' }, prompt: { fr: 'Qui est le contact principal ?', en: 'Who is the main contact?' }, example: { fr: 'contact:"Marie Dupont"', en: 'contact:"Marie Dupont"' } },
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], label: { fr: 'Étape', en: 'Stage' }, prompt: { fr: 'Quelle étape ?', en: 'Which stage?' }, example: { fr: 'etape:qualifié', en: 'stage:qualified' } },
    { name: 'owner', kind: 'text', completes: 'member', keys: ['responsable', 'proprietaire', 'owner'], label: { fr: 'Responsable', en: 'Owner' }, prompt: { fr: 'Qui en est responsable ?', en: 'Who owns it?' }, example: { fr: 'responsable:@marie', en: 'owner:@marie' } },
  ],
  schema,
  permission: 'member',
  handler: async function createDealHandler(ctx) {
    const { args } = ctx;
    // `15,000` in French: asked back (15 000 € or 15,00 €) before anything else.
    const amount = args.amount ? resolveAmount(ctx, args.amount, 'amount') : undefined;
    const all = await listStages(ctx.tx, ctx.workspace.id);
    const stage = args.stage ? await resolveStage(ctx, args.stage) : all.find((s) => s.outcome === 'open');
    if (!stage) throw new Error('workspace has no open stage');
    if (stage.outcome !== 'open') throw new UserError('deal_new_closed_stage', { example: ctx.t('examples.deal_won') });
    let ownerId = ctx.member.id;
    if (args.owner) {
      const owner = await resolveMember(ctx, args.owner);
      if (owner.id !== ctx.member.id && ctx.member.role === 'rep') throw new UserError('forbidden', { role: 'manager' });
      ownerId = owner.id;
    }
    const lines: string[] = [];
    const company = await resolveOrCreate(ctx, args.company, { kinds: ['company'], creatable: ['company'], answerKey: 'match:company' });
    if (company.created) lines.push(ctx.t('records.created_company', { name: company.name }));
    let contactId: number | null = null;
    if (args.contact) {
      const contact = await resolveOrCreate(ctx, args.contact, { kinds: ['contact'], creatable: ['contact'], answerKey: 'match:contact', companyIdForNewContact: company.id });
      contactId = contact.id;
      if (contact.created) lines.push(ctx.t('records.created_contact', { name: contact.name }));
    }
    const deal = await createDeal(
      ctx.tx,
      ctx.member,
      {
        name: args.name,
        companyId: company.id,
        contactId,
        ownerId,
        amount,
        currency: ctx.workspace.currency,
        stage,
        expectedCloseDate: args.close,
      },
      ctx.now(),
    );
    lines.push(
      ctx.t('deal.created', {
        id: deal.id,
        name: deal.name,
        company: company.name,
        amount: moneyOrDash(deal.amountMinor === null ? null : Number(deal.amountMinor), deal.currency, ctx.lang),
        stage: stageName(stage, ctx.lang),
      }),
    );
    if (args.close) lines.push(ctx.t('deal.close_set', { date: formatDate(args.close, ctx.lang) }));
    ctx.reply([
      ...lines.map((text) => ({ type: 'text' as const, text })),
      ...(amount ? taxNote(ctx, amount) : []),
      { type: 'buttons', buttons: [{ label: ctx.t('deal.show_button'), actionId: 'run', value: `deal show #${deal.id}` }] },
    ]);
  },
});
