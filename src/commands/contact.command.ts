// /contact — a person's card, opt-outs, and their data-protection rights (access, erasure).
import { defineGroup } from '../core/registry.ts';
import { contactExportCommand } from './contact/contact-export.command.ts';
import { contactForgetCommand } from './contact/contact-forget.command.ts';
import { contactOptInCommand, contactOptOutCommand } from './contact/contact-optout.command.ts';
import { contactShowCommand } from './contact/contact-show.command.ts';

export const contactCommand = defineGroup({
  name: 'contact',
  aliases: { fr: ['contact', 'contacts'], en: ['contact', 'contacts'] },
  description: { fr: 'Fiche contact, oppositions, accès et effacement (RGPD)', en: 'Contact card, opt-outs, access and erasure (GDPR)' },
  defaultSubcommand: 'show',
  subcommands: [contactShowCommand, contactOptOutCommand, contactOptInCommand, contactExportCommand, contactForgetCommand],
});
