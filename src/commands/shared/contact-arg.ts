// The contact a /contact subcommand acts on: found by `#number` or by name (close names
// proposed), never created. It is looked up as soon as it is given, so an unknown contact is
// reported before any other question (the channel of an opt-out, the erasure confirmation).
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { INPUT_LIMITS } from '../../core/limits.ts';
import type { ArgSpec } from '../../core/registry.ts';
import { getContact, type ContactRow } from '../../services/directory.service.ts';
import { resolveOrCreate } from './resolve-record.ts';

export const contactArg: ArgSpec = {
  name: 'contact',
  kind: 'text',
  completes: 'contact',
  keys: ['contact', 'personne', 'person'],
  position: 0,
  required: true,
  maxLength: INPUT_LIMITS.name,
  check: (ctx, value) => resolveContact(ctx, value),
  label: { fr: 'Contact', en: 'Contact' },
  prompt: { fr: 'Quel contact ?', en: 'Which contact?' },
  example: { fr: '"Marie Dupont"', en: '"Marie Dupont"' },
};

export async function resolveContact(ctx: CommandContext<unknown>, raw: string): Promise<ContactRow> {
  const found = await resolveOrCreate(ctx, raw, { kinds: ['contact'], creatable: [], answerKey: 'match:contact', example: ctx.t('examples.contact_show') });
  const contact = await getContact(ctx.tx, ctx.workspace.id, found.id);
  // Deleted between the question and the answer.
  if (!contact) throw new UserError('record_not_found', { name: raw });
  return contact;
}

/** `(ne pas appeler)` / `(no calls, no emails)` after a contact's name, or nothing. */
export function optOutMarker(ctx: CommandContext<unknown>, contact: { optOutPhone: boolean; optOutEmail: boolean }): string {
  if (contact.optOutPhone && contact.optOutEmail) return ` (${ctx.t('contact.marker_all')})`;
  if (contact.optOutPhone) return ` (${ctx.t('contact.marker_phone')})`;
  if (contact.optOutEmail) return ` (${ctx.t('contact.marker_email')})`;
  return '';
}
