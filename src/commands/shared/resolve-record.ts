// Turns a typed name into a record, asking the member when it is not certain: an exact match
// is used as is, close names are proposed, and a new record is created only once confirmed.
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { readRecordNumber } from '../../core/limits.ts';
import type { ChoiceSpec } from '../../core/types.ts';
import { getDeal, type DealRow } from '../../services/deal.service.ts';
import { createCompany, createContact, getCompany, getContact } from '../../services/directory.service.ts';
import { matchRecords, type RecordHit, type RecordKind } from '../../services/record-match.service.ts';

export interface ResolvedRecord {
  kind: RecordKind;
  id: number;
  name: string;
  /** True when created by this command (after the member confirmed). */
  created: boolean;
}

const hitChoice = (ctx: CommandContext<unknown>, hit: RecordHit): ChoiceSpec => ({
  label: ctx.t(`records.${hit.kind}_choice`, { name: hit.name, id: hit.id }),
  value: `${hit.kind}:${hit.id}`,
});

/** A deal by `#12`, `12` or name; close names are proposed; no creation. */
export async function resolveDeal(ctx: CommandContext<unknown>, raw: string, answerKey = 'match:deal'): Promise<DealRow> {
  const byId = readRecordNumber(raw);
  if (byId !== undefined) {
    // A number above int4 names no record: the same answer as an unknown one, without asking the database.
    const deal = byId === 'out_of_range' ? undefined : await getDeal(ctx.tx, ctx.member, byId);
    if (!deal) throw new UserError('deal_not_found', { name: raw });
    return deal;
  }
  const match = await matchRecords(ctx.tx, ctx.member, raw, ['deal']);
  const candidates = match.exact.length > 0 ? match.exact : match.close;
  let chosen: RecordHit | undefined = match.exact.length === 1 ? match.exact[0] : undefined;
  if (!chosen) {
    if (candidates.length === 0) throw new UserError('deal_not_found', { name: raw });
    const answer = ctx.ask({
      key: answerKey,
      prompt: ctx.t(match.exact.length > 1 ? 'records.which_deal' : 'records.did_you_mean_deal', { name: raw }),
      choices: candidates.map((hit) => hitChoice(ctx, hit)),
    });
    chosen = candidates.find((hit) => `${hit.kind}:${hit.id}` === answer);
  }
  const deal = chosen ? await getDeal(ctx.tx, ctx.member, chosen.id) : undefined;
  if (!deal) throw new UserError('deal_not_found', { name: raw });
  return deal;
}

/**
 * A company or contact (or, for `/log`, a deal) by name. Creation choices are offered for
 * `creatable` kinds; nothing is created without the member's click.
 */
export async function resolveOrCreate(
  ctx: CommandContext<unknown>,
  raw: string,
  options: { kinds: RecordKind[]; creatable: Array<'company' | 'contact'>; answerKey: string; companyIdForNewContact?: number | null },
): Promise<ResolvedRecord> {
  const name = raw.trim();
  const match = await matchRecords(ctx.tx, ctx.member, name, options.kinds);
  if (match.exact.length === 1) {
    const hit = match.exact[0]!;
    return { ...hit, created: false };
  }
  const candidates = match.exact.length > 0 ? match.exact : match.close;
  const createChoices: ChoiceSpec[] = options.creatable.map((kind) => ({
    label: ctx.t(`records.create_${kind}`, { name }),
    value: `new:${kind}`,
  }));
  const prompt =
    match.exact.length > 1
      ? ctx.t('records.several_match', { name })
      : candidates.length > 0
        ? ctx.t('records.did_you_mean', { name })
        : ctx.t('records.not_found_create', { name });
  const choices = [...candidates.map((hit) => hitChoice(ctx, hit)), ...(match.exact.length > 0 ? [] : createChoices)];
  const answer = ctx.ask({
    key: options.answerKey,
    prompt,
    choices,
    // Only a creation to offer: a typed `oui` / `ok` creates it, `non` cancels.
    ...(candidates.length === 0 && choices.length === 1 ? { kind: 'confirm' as const } : {}),
  });
  if (answer === 'new:company') {
    const company = await createCompany(ctx.tx, ctx.workspace.id, name, ctx.now());
    return { kind: 'company', id: company.id, name: company.name, created: true };
  }
  if (answer === 'new:contact') {
    const contact = await createContact(ctx.tx, ctx.workspace.id, name, options.companyIdForNewContact ?? null, ctx.now());
    return { kind: 'contact', id: contact.id, name: contact.name, created: true };
  }
  const hit = candidates.find((candidate) => `${candidate.kind}:${candidate.id}` === answer);
  if (!hit) throw new UserError('record_not_found', { name });
  // Re-read so a record deleted between question and answer is reported, not linked.
  const exists =
    hit.kind === 'deal'
      ? await getDeal(ctx.tx, ctx.member, hit.id)
      : hit.kind === 'company'
        ? await getCompany(ctx.tx, ctx.workspace.id, hit.id)
        : await getContact(ctx.tx, ctx.workspace.id, hit.id);
  if (!exists) throw new UserError('record_not_found', { name });
  return { ...hit, created: false };
}
