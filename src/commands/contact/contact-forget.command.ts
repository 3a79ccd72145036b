// /contact forget <contact> — admins erase a person (right to erasure) after confirming: their
// name, email and phone disappear everywhere, however written; KPIs keep their amounts and
// dates. Possible mentions that are not certainly theirs are listed for the admin. Audited.
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { defineCommand } from '../../core/registry.ts';
import { confirmQuestion } from '../../core/question.ts';
import { eraseContact } from '../../services/erasure.service.ts';
import { contactArg, resolveContact } from '../shared/contact-arg.ts';
import { reviewBlocks } from './erasure-review.ts';

export const contactForgetCommand = defineCommand({
  name: 'forget',
  aliases: { fr: ['effacer', 'oublier'], en: ['forget', 'erase'] },
  description: { fr: 'Effacer une personne partout (droit à l’effacement)', en: 'Erase a person everywhere (right to erasure)' },
  examples: { fr: ['/contact effacer "Marie Dupont"'], en: ['/contact forget "Marie Dupont"'] },
  args: [contactArg],
  schema: z.object({ contact: z.string().min(1) }),
  permission: 'admin',
  audit: 'contact.forget',
  handler: async function forgetContactHandler(ctx) {
    const contact = await resolveContact(ctx, ctx.args.contact);
    const answer = ctx.ask(
      confirmQuestion({
        key: `forget:${contact.id}`,
        prompt: ctx.t('contact.forget_confirm', { name: contact.name }),
        yes: ctx.t('contact.forget_yes'),
        no: ctx.t('contact.forget_no'),
      }),
    );
    if (answer !== 'yes') throw new UserError('forget_cancelled', {});
    const result = await eraseContact(ctx.tx, ctx.workspace.id, contact.id, ctx.now());
    const texts = Object.values(result.rewritten).reduce((a, b) => a + b, 0);
    ctx.audit({ type: 'contact', id: contact.id, details: { textsRewritten: texts, mentions: result.mentions, notesDropped: result.notesDropped, leftForReview: result.review.length } });
    ctx.reply([{ type: 'text', text: ctx.t('contact.forgotten', { id: contact.id, mentions: result.mentions, notes: result.notesDropped }) }, ...reviewBlocks(ctx, result.review)]);
  },
});
