// /churn — a customer has left: the company is marked lost and the date kept for churn and
// retention figures. Winning a new deal with it later makes it a customer again.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { defineCommand } from '../core/registry.ts';
import { companies, customerEvents } from '../db/schema.ts';
import { getCompany } from '../services/directory.service.ts';
import { resolveOrCreate } from './shared/resolve-record.ts';

export const churnCommand = defineCommand({
  name: 'churn',
  aliases: { fr: ['churn', 'attrition', 'client-perdu'], en: ['churn', 'customer-lost'] },
  description: { fr: 'Signaler qu’un client est parti (taux de churn et de rétention)', en: 'Record that a customer has left (churn and retention rates)' },
  examples: { fr: ['/churn "Acme Corp" passe chez un concurrent'], en: ['/churn "Acme Corp" moved to a competitor'] },
  args: [
    { name: 'company', kind: 'text', completes: 'company', keys: ['societe', 'company', 'client', 'customer'], position: 0, required: true, label: { fr: 'Client', en: 'Customer' }, prompt: { fr: 'Quel client ?', en: 'Which customer?' }, example: { fr: '"Acme Corp"', en: '"Acme Corp"' } },
    { name: 'reason', kind: 'text', keys: ['raison', 'reason'], position: 1, rest: true, label: { fr: 'Raison du départ', en: 'Reason for leaving' }, prompt: { fr: 'Pourquoi le client est-il parti ?', en: 'Why did the customer leave?' }, example: { fr: 'passe chez un concurrent', en: 'moved to a competitor' } },
  ],
  schema: z.object({ company: z.string().min(1).max(200), reason: z.string().max(500).optional() }),
  permission: 'manager',
  handler: async function churnHandler(ctx) {
    const found = await resolveOrCreate(ctx, ctx.args.company, { kinds: ['company'], creatable: [], answerKey: 'match:churn' });
    const company = await getCompany(ctx.tx, ctx.workspace.id, found.id);
    if (!company) throw new UserError('record_not_found', { name: ctx.args.company });
    if (company.lifecycle !== 'client') throw new UserError('churn_not_customer', { name: company.name, example: ctx.t('examples.churn') });
    await ctx.tx.update(companies).set({ lifecycle: 'lost' }).where(and(eq(companies.workspaceId, ctx.workspace.id), eq(companies.id, company.id)));
    await ctx.tx.insert(customerEvents).values({ workspaceId: ctx.workspace.id, companyId: company.id, kind: 'churned', reason: ctx.args.reason ?? null, occurredAt: ctx.now() });
    ctx.reply([{ type: 'text', text: ctx.t('churn.recorded', { name: company.name }) }]);
  },
});
