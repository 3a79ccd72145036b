// The contact a /contact subcommand acts on: found by name (close names proposed), never created.
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { INPUT_LIMITS, readRecordNumber } from '../../core/limits.ts';
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
  prompt: { fr: 'Quel contact ?', en: 'Which contact?' },
  example: { fr: '"Marie Dupont"', en: '"Marie Dupont"' },
};

export async function resolveContact(ctx: CommandContext<unknown>, raw: string): Promise<ContactRow> {
  const byId = readRecordNumber(raw);
  const id = byId ?? (await resolveOrCreate(ctx, raw, { kinds: ['contact'], creatable: [], answerKey: 'match:contact' })).id;
  // A number above int4 names no record: the same answer as an unknown one.
  const contact = id === 'out_of_range' ? undefined : await getContact(ctx.tx, ctx.workspace.id, id);
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
