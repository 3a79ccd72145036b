// /contact optout|optin <contact> [phone|email|all] — record that a person refuses calls
// (Bloctel-style) or emails, or lift it (managers, with the person's consent). Audited.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand, type ArgChoice } from '../../core/registry.ts';
import { contacts } from '../../db/schema.ts';
import { contactArg, resolveContact } from '../shared/contact-arg.ts';

const channelChoices: ArgChoice[] = [
  { value: 'all', label: { fr: 'tout', en: 'all' }, aliases: ['tout', 'tous', 'all', 'both'] },
  { value: 'phone', label: { fr: 'téléphone', en: 'phone' }, aliases: ['telephone', 'tel', 'appel', 'appels', 'phone', 'call', 'calls'] },
  { value: 'email', label: { fr: 'e-mail', en: 'email' }, aliases: ['email', 'mail', 'courriel', 'e-mail', 'emails'] },
];

function optCommand(direction: 'out' | 'in') {
  const out = direction === 'out';
  return defineCommand({
    name: out ? 'optout' : 'optin',
    aliases: out ? { fr: ['opposition', 'optout', 'refus'], en: ['optout', 'opt-out'] } : { fr: ['consentement', 'optin'], en: ['optin', 'opt-in'] },
    description: out
      ? { fr: 'Noter qu’un contact refuse les appels et/ou les e-mails', en: 'Record that a contact refuses calls and/or emails' }
      : { fr: 'Lever une opposition (avec l’accord de la personne)', en: 'Lift an opt-out (with the person’s consent)' },
    examples: out ? { fr: ['/contact opposition "Marie Dupont" telephone'], en: ['/contact optout "Marie Dupont" phone'] } : { fr: ['/contact consentement "Marie Dupont" email'], en: ['/contact optin "Marie Dupont" email'] },
    args: [contactArg, { name: 'channel', kind: 'enum', keys: ['canal', 'channel'], detect: true, choices: channelChoices, label: { fr: 'Canal', en: 'Channel' }, prompt: { fr: 'Quel canal ?', en: 'Which channel?' }, example: { fr: 'telephone', en: 'phone' } }],
    schema: z.object({ contact: z.string().min(1), channel: z.enum(['all', 'phone', 'email']).optional() }),
    permission: out ? 'member' : 'manager',
    audit: out ? 'contact.optout' : 'contact.optin',
    handler: async function optOutHandler(ctx) {
      const contact = await resolveContact(ctx, ctx.args.contact);
      const channel = ctx.args.channel ?? 'all';
      const set = {
        ...(channel !== 'email' ? { optOutPhone: out } : {}),
        ...(channel !== 'phone' ? { optOutEmail: out } : {}),
      };
      await ctx.tx.update(contacts).set(set).where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contact.id)));
      ctx.audit({ type: 'contact', id: contact.id, details: { channel } });
      ctx.reply([{ type: 'text', text: ctx.t(out ? `contact.optout_${channel}` : `contact.optin_${channel}`, { name: contact.name }) }]);
    },
  });
}

export const contactOptOutCommand = optCommand('out');
export const contactOptInCommand = optCommand('in');
