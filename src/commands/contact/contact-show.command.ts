// /contact show <contact> — the contact card, opt-outs first.
import { and, count, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { formatDateTime } from '../../core/format.ts';
import { defineCommand } from '../../core/registry.ts';
import { activities, deals } from '../../db/schema.ts';
import { getCompany } from '../../services/directory.service.ts';
import { contactArg, optOutMarker, resolveContact } from '../shared/contact-arg.ts';

export const contactShowCommand = defineCommand({
  name: 'show',
  aliases: { fr: ['voir', 'fiche'], en: ['show', 'card'] },
  description: { fr: 'La fiche d’un contact', en: 'A contact’s card' },
  examples: { fr: ['/contact voir "Marie Dupont"'], en: ['/contact show "Marie Dupont"'] },
  args: [contactArg],
  schema: z.object({ contact: z.string().min(1) }),
  permission: 'member',
  readOnly: true,
  handler: async function showContactHandler(ctx) {
    const contact = await resolveContact(ctx, ctx.args.contact);
    const company = contact.companyId === null ? undefined : await getCompany(ctx.tx, ctx.workspace.id, contact.companyId);
    const [dealCount] = await ctx.tx.select({ n: count() }).from(deals).where(and(eq(deals.workspaceId, ctx.workspace.id), eq(deals.contactId, contact.id)));
    const [last] = await ctx.tx.select({ at: max(activities.occurredAt) }).from(activities).where(and(eq(activities.workspaceId, ctx.workspace.id), eq(activities.contactId, contact.id)));
    const fields = [
      { label: ctx.t('contact.field_company'), value: company?.name ?? '—' },
      { label: ctx.t('contact.field_title'), value: contact.title ?? '—' },
      { label: ctx.t('contact.field_email'), value: contact.email ?? '—' },
      { label: ctx.t('contact.field_phone'), value: contact.phone ?? '—' },
      { label: ctx.t('contact.field_deals'), value: String(dealCount?.n ?? 0) },
      { label: ctx.t('contact.field_last_activity'), value: last?.at ? formatDateTime(new Date(last.at), ctx.lang, ctx.timeZone) : '—' },
    ];
    const marker = optOutMarker(ctx, contact);
    ctx.reply([
      { type: 'section', title: `${contact.name}${marker}` },
      ...(marker ? [{ type: 'text' as const, text: ctx.t('contact.optout_notice') }] : []),
      { type: 'fields', fields },
    ]);
  },
});
