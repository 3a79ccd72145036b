// Turns a typed name into a record, asking the member when it is not certain: an exact match
// is used as is, close names are proposed, and a new record is created only once confirmed.
import type { CommandContext } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { readRecordNumber } from '../../core/limits.ts';
import type { ChoiceSpec } from '../../core/types.ts';
import { getDeal, type DealRow } from '../../services/deal.service.ts';
import { createCompany, createContact, getCompany, getContact } from '../../services/directory.service.ts';
import { looksLikePersonName } from '../../services/person-name.ts';
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

/**
 * Deals already found in this run, by what was typed: the argument check (`dealArg.check`, run
 * before any question) and the handler then read the deal, and match a name, once. A run's
 * context lives for one transaction, so nothing outlives the work it was read for.
 */
const resolvedDeals = new WeakMap<CommandContext<unknown>, Map<string, DealRow>>();

/** A deal by `#12`, `12` or name; close names are proposed; no creation. */
export async function resolveDeal(ctx: CommandContext<unknown>, raw: string, answerKey = 'match:deal'): Promise<DealRow> {
  const cacheKey = `${answerKey}\u0000${raw}`;
  const known = resolvedDeals.get(ctx)?.get(cacheKey);
  if (known) return known;
  const deal = await findDeal(ctx, raw, answerKey);
  resolvedDeals.set(ctx, (resolvedDeals.get(ctx) ?? new Map<string, DealRow>()).set(cacheKey, deal));
  return deal;
}

async function findDeal(ctx: CommandContext<unknown>, raw: string, answerKey: string): Promise<DealRow> {
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

/** What to answer when nothing is called `name`: the kind looked for when there is one, with an example. */
export function notFoundError(name: string, kinds: RecordKind[], example?: string): UserError {
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  const code = kind === 'deal' ? 'deal_not_found' : kind === 'company' ? 'company_not_found' : kind === 'contact' ? 'contact_not_found' : 'record_unknown';
  return new UserError(code, { name, ...(example === undefined ? {} : { example }) });
}

/**
 * The record a number names (`#12`, `12`). Members know deals by number, so a deal is meant
 * whenever one may be; otherwise the first kind looked for (contacts have numbers too).
 */
async function recordByNumber(ctx: CommandContext<unknown>, raw: string, id: number | 'out_of_range', kinds: RecordKind[], example?: string): Promise<ResolvedRecord> {
  const kind: RecordKind = kinds.includes('deal') ? 'deal' : (kinds[0] ?? 'deal');
  // A number above int4 names no record: the same answer as an unknown one, without asking the database.
  const row =
    id === 'out_of_range'
      ? undefined
      : kind === 'deal'
        ? await getDeal(ctx.tx, ctx.member, id)
        : kind === 'company'
          ? await getCompany(ctx.tx, ctx.workspace.id, id)
          : await getContact(ctx.tx, ctx.workspace.id, id);
  if (!row) throw notFoundError(raw.trim(), [kind], example);
  return { kind, id: row.id, name: row.name, created: false };
}

/**
 * A company or contact (or, for `/log`, a deal) by name. Creation choices are offered for
 * `creatable` kinds; nothing is created without the member's click. A record number is looked
 * up, never offered as a new name; and with nothing close and nothing to create, the answer is
 * a plain "not found" (`notFound`, or one naming the kind) rather than a question with no choice.
 */
export async function resolveOrCreate(
  ctx: CommandContext<unknown>,
  raw: string,
  options: {
    kinds: RecordKind[];
    creatable: Array<'company' | 'contact'>;
    answerKey: string;
    companyIdForNewContact?: number | null;
    /** A correct command line, shown under "not found". */
    example?: string;
    /** What to answer instead when nothing matches and nothing may be created. */
    notFound?: () => UserError;
  },
): Promise<ResolvedRecord> {
  const name = raw.trim();
  const number = readRecordNumber(name);
  if (number !== undefined) return recordByNumber(ctx, name, number, options.kinds, options.example);
  const match = await matchRecords(ctx.tx, ctx.member, name, options.kinds);
  if (match.exact.length === 1) {
    const hit = match.exact[0]!;
    return { ...hit, created: false };
  }
  const candidates = match.exact.length > 0 ? match.exact : match.close;
  if (candidates.length === 0 && options.creatable.length === 0) throw options.notFound?.() ?? notFoundError(name, options.kinds, options.example);
  // A person's name is more likely a new contact than a new company: offer that first.
  const order: Array<'company' | 'contact'> = looksLikePersonName(name) ? ['contact', 'company'] : ['company', 'contact'];
  const creatable = order.filter((kind) => options.creatable.includes(kind));
  const createChoices: ChoiceSpec[] = creatable.map((kind) => ({
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
  // Only a creation that was offered is made (an answer kept from another run offers nothing).
  if (answer === 'new:company' && creatable.includes('company')) {
    const company = await createCompany(ctx.tx, ctx.workspace.id, name, ctx.now());
    return { kind: 'company', id: company.id, name: company.name, created: true };
  }
  if (answer === 'new:contact' && creatable.includes('contact')) {
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
