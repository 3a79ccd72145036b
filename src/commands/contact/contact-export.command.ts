// /contact export <contact> — admins answer a right-of-access request: everything held about the
// person, as a JSON file (every text an erasure would rewrite included). Possible mentions that
// may be about someone else come apart, in a second file for the admin only. Audited.
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { personalDataExport } from '../../services/personal-data.service.ts';
import { contactArg, resolveContact } from '../shared/contact-arg.ts';
import { reviewBlocks } from './erasure-review.ts';

export const contactExportCommand = defineCommand({
  name: 'export',
  aliases: { fr: ['exporter', 'acces'], en: ['export', 'access'] },
  description: { fr: 'Exporter tout ce que l’équipe détient sur une personne (droit d’accès)', en: 'Export everything the team holds about a person (right of access)' },
  examples: { fr: ['/contact exporter "Marie Dupont"'], en: ['/contact export "Marie Dupont"'] },
  args: [contactArg],
  schema: z.object({ contact: z.string().min(1) }),
  permission: 'admin',
  audit: 'contact.export',
  handler: async function exportContactHandler(ctx) {
    const contact = await resolveContact(ctx, ctx.args.contact);
    const { document, review } = await personalDataExport(ctx.tx, ctx.workspace.id, contact.id, ctx.now());
    const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
    const bytes = json(document);
    ctx.audit({ type: 'contact', id: contact.id, details: { bytes: bytes.length, leftForReview: review.length } });
    ctx.reply([
      { type: 'text', text: ctx.t('contact.exported', { name: contact.name }) },
      { type: 'file', bytes, fileName: `contact-${contact.id}.json`, mimeType: 'application/json', title: ctx.t('contact.export_title', { id: contact.id }) },
      ...(review.length === 0
        ? []
        : [
            { type: 'text' as const, text: ctx.t('contact.export_review', { count: review.length }) },
            ...reviewBlocks(ctx, review),
            { type: 'file' as const, bytes: json(review), fileName: `contact-${contact.id}-to-check.json`, mimeType: 'application/json', title: ctx.t('contact.export_review_file', { id: contact.id }) },
          ]),
    ]);
  },
});
