// Deals from a CSV file, with what the chat commands do around a deal: the stage sets status and
// probability, a stage change is written to the stage history, a won or lost deal carries its
// date (and a lost one its reason), and a new deal makes its company and contact prospects, a
// won one makes them customers (with the customer event retention and churn figures read).
import { and, eq, inArray } from 'drizzle-orm';
import { t } from '../core/i18n/i18n.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { undoesClose } from '../services/deal.service.ts';
import { companies, contacts, customerEvents, dealStageHistory, deals, type LostReason } from '../db/schema.ts';
import type { DealCells } from './csv-rows.schema.ts';
import { inValues, insertRows, updateRowsById, type FieldRow } from './csv-bulk.service.ts';
import { indexRecords, isFailure, loadMembers, loadStages, recordKeys, recordsWhere } from './csv-lookup.service.ts';
import { loadReferences, type CompanyRef, type ContactRef } from './csv-references.service.ts';
import { differs, keptExternalId, oneLinePerRecord, pick, pickRequired, writeById, type KindPlan, type ParsedLine, type PlanContext } from './import-plan.ts';

type DealRow = typeof deals.$inferSelect;

const FIELDS = [
  'name', 'companyId', 'contactId', 'ownerId', 'amountMinor', 'currency', 'stage', 'probability', 'expectedCloseDate', 'nextStep', 'nextStepDue',
  'createdAt', 'wonAt', 'lostAt', 'lostReason', 'lostNote', 'externalId',
] as const;
const WRITE_FIELDS = ['workspaceId', 'nameKey', 'status', 'updatedAt', 'lastActivityAt', 'snoozedUntil', ...FIELDS];

interface PlannedDeal {
  line: number;
  row: FieldRow;
  existing: DealRow | undefined;
  byId: boolean;
  /** undefined: the file has no such column (keep); null: cleared. */
  company: CompanyRef | null | undefined;
  contact: ContactRef | null | undefined;
}

export async function planDeals(ctx: PlanContext, lines: Array<ParsedLine<DealCells>>): Promise<KindPlan> {
  const ws = ctx.workspace.id;
  const stored = await ctx.tx.select().from(deals).where(recordsWhere(deals, ws, recordKeys(lines.map((l) => l.cells.external_id), false)));
  const index = indexRecords(stored);
  const team = await loadMembers(ctx.tx, ws);
  const stages = await loadStages(ctx.tx, ws, ctx.env.lang);
  const refs = await loadReferences(ctx.tx, ws, {
    companies: lines.flatMap((l) => (l.cells.company ? [l.cells.company] : [])),
    contacts: lines.flatMap((l) => (l.cells.contact ? [l.cells.contact] : [])),
  });
  const once = oneLinePerRecord(ctx);

  const planned: PlannedDeal[] = [];
  for (const { line, cells } of lines) {
    const existing = index.find(cells.external_id);
    if (!once(line, existing?.id)) continue;
    let ok = true;
    const fail = (code: string, params: Record<string, string | number>, column: string): void => {
      ctx.issue(line, code, params, column);
      ok = false;
    };

    let company: CompanyRef | null | undefined = cells.company === undefined || cells.company === null ? cells.company : undefined;
    if (cells.company) {
      const ref = refs.company(cells.company);
      if (isFailure(ref)) fail(ref.code, ref.params, 'company');
      else company = ref;
    }
    let contact: ContactRef | null | undefined = cells.contact === undefined || cells.contact === null ? cells.contact : undefined;
    if (cells.contact) {
      const lineCompany = company !== undefined ? company : existing?.companyId ? { id: existing.companyId } : null;
      const ref = refs.contact(cells.contact, lineCompany);
      if (isFailure(ref)) fail(ref.code, ref.params, 'contact');
      else contact = ref;
    }
    let ownerId = existing?.ownerId ?? ctx.member.id;
    if (cells.owner) {
      const owner = team.resolve(cells.owner);
      if (isFailure(owner)) fail(owner.code, owner.params, 'owner');
      else ownerId = owner.id;
    }
    let stage = existing ? stages.byKey.get(existing.stage) ?? stages.first : stages.first;
    if (cells.stage) {
      const found = stages.resolve(cells.stage);
      if (isFailure(found)) fail(found.code, found.params, 'stage');
      else stage = found;
    }

    // The amount's own currency sign, else the currency column, else the stored one.
    const amountCurrency = cells.amount?.explicitCurrency ? cells.amount.currency : undefined;
    if (amountCurrency && cells.currency && amountCurrency !== cells.currency) fail('csv_currency_conflict', { amount: amountCurrency, currency: cells.currency }, 'currency');
    const currency = amountCurrency ?? cells.currency ?? existing?.currency ?? ctx.workspace.currency;

    // Reopening a closed deal, or losing a won one, takes back figures and maybe a customer: the
    // chat commands ask for confirmation first, which a file cannot give.
    if (existing && undoesClose(existing, stage)) fail('csv_closed_deal_reopened', { id: existing.id, status: t(ctx.env.lang, existing.status === 'won' ? 'stages.outcome_won' : 'stages.outcome_lost') }, 'stage');
    // A stage change starts the outcome afresh (as /deal stage does); the file may then set it.
    const stageChanged = !existing || existing.stage !== stage.key;
    const keep = <T>(stored: T | null | undefined): T | null => (stageChanged ? null : (stored ?? null));
    const wonAt = cells.won_at !== undefined ? cells.won_at : keep(existing?.wonAt);
    const lostAt = cells.lost_at !== undefined ? cells.lost_at : keep(existing?.lostAt);
    let lostReason: LostReason | null = cells.lost_reason !== undefined ? cells.lost_reason : keep(existing?.lostReason);
    const lostNote = cells.lost_note !== undefined ? cells.lost_note : keep(existing?.lostNote);
    if (stage.outcome === 'won' && !wonAt) fail('csv_won_date_missing', {}, 'won_at');
    if (stage.outcome !== 'won' && cells.won_at) fail('csv_only_when_won', { stage: cells.stage ?? stage.key }, 'won_at');
    if (stage.outcome === 'lost' && !lostAt) fail('csv_lost_date_missing', {}, 'lost_at');
    for (const column of ['lost_at', 'lost_reason', 'lost_note'] as const) {
      if (stage.outcome !== 'lost' && cells[column]) fail('csv_only_when_lost', { stage: cells.stage ?? stage.key }, column);
    }
    // A lost deal always has a reason: "other" when the file gives none, as /deal lost does.
    if (stage.outcome === 'lost' && !lostReason) lostReason = 'other';
    if (!ok) continue;

    planned.push({
      line,
      existing,
      byId: writeById(existing, cells.external_id),
      company,
      contact,
      row: {
        id: existing?.id,
        workspaceId: ws,
        name: cells.name,
        nameKey: normalizeKey(cells.name),
        ownerId,
        amountMinor: cells.amount === undefined ? (existing?.amountMinor ?? null) : (cells.amount?.minor ?? null),
        currency,
        stage: stage.key,
        status: stage.outcome,
        // The probability is the stage's when the deal enters it; kept while it stays there.
        probability: stageChanged ? stage.probability : existing!.probability,
        expectedCloseDate: pick(cells.expected_close, existing?.expectedCloseDate),
        nextStep: pick(cells.next_step, existing?.nextStep),
        nextStepDue: pick(cells.next_step_due, existing?.nextStepDue),
        createdAt: pickRequired(cells.created_at, existing?.createdAt, ctx.now),
        wonAt: stage.outcome === 'won' ? wonAt : null,
        lostAt: stage.outcome === 'lost' ? lostAt : null,
        lostReason: stage.outcome === 'lost' ? lostReason : null,
        lostNote: stage.outcome === 'lost' ? lostNote : null,
        externalId: keptExternalId(existing, cells.external_id),
        lastActivityAt: existing?.lastActivityAt ?? null,
        snoozedUntil: existing?.snoozedUntil ?? null,
      },
    });
  }

  return {
    skippedErased: [],
    async write() {
      const made = await refs.createMissing(ctx.now);
      for (const p of planned) {
        p.row['companyId'] = p.company === undefined ? (p.existing?.companyId ?? null) : refs.companyId(p.company);
        p.row['contactId'] = p.contact === undefined ? (p.existing?.contactId ?? null) : refs.contactId(p.contact);
      }
      const created = planned.filter((p) => !p.existing);
      const changed = planned.filter((p) => p.existing && differs(p.existing, p.row, FIELDS));
      for (const p of [...created, ...changed]) p.row['updatedAt'] = ctx.now;
      for (const p of planned) if (p.existing && !changed.includes(p)) p.row['updatedAt'] = p.existing.updatedAt;

      const upserted = await insertRows<{ id: number; external_id: string }>(ctx.tx, deals, WRITE_FIELDS, [...created, ...changed.filter((p) => !p.byId)].map((p) => p.row), {
        upsertOnExternalId: true,
        returning: ['id', 'externalId'],
      });
      await updateRowsById(ctx.tx, deals, ws, WRITE_FIELDS, changed.filter((p) => p.byId).map((p) => p.row));
      const idOfExternal = new Map(upserted.map((r) => [r.external_id, Number(r.id)]));
      const idOf = (p: PlannedDeal): number => p.existing?.id ?? idOfExternal.get(p.row['externalId'] as string)!;

      // Stage history: where a new deal starts, and every stage change.
      const moved = changed.filter((p) => p.existing!.stage !== p.row['stage']);
      await insertRows(
        ctx.tx,
        dealStageHistory,
        ['workspaceId', 'dealId', 'fromStage', 'toStage', 'changedBy', 'changedAt'],
        [
          ...created.map((p) => ({ workspaceId: ws, dealId: idOf(p), fromStage: null, toStage: p.row['stage'], changedBy: ctx.member.id, changedAt: p.row['createdAt'] })),
          ...moved.map((p) => ({ workspaceId: ws, dealId: idOf(p), fromStage: p.existing!.stage, toStage: p.row['stage'], changedBy: ctx.member.id, changedAt: ctx.now })),
        ],
      );
      await promote(
        ctx,
        created.map((p) => p.row),
        [...created, ...moved].filter((p) => p.row['status'] === 'won').map((p) => ({ ...p.row, id: idOf(p) })),
      );
      return { created: created.length, updated: changed.length, unchanged: planned.length - created.length - changed.length, companiesCreated: made.companies, contactsCreated: made.contacts };
    },
  };
}

/**
 * Lifecycle, set-based: new deals make their company and contact prospects (leads only), won
 * ones make them customers. Only leads and prospects are promoted by an import: an old won deal
 * in a file must not turn a company that has since left (`lost`) back into a customer. The ids
 * are known here, so each statement gets them as one JSON list (no join back to the deals).
 */
async function promote(ctx: PlanContext, newDeals: FieldRow[], wonDeals: FieldRow[]): Promise<void> {
  const ws = ctx.workspace.id;
  const ids = (rows: FieldRow[], field: string): number[] => [...new Set(rows.map((r) => r[field]).filter((id): id is number => typeof id === 'number'))];
  const raise = async (table: typeof companies | typeof contacts, to: 'prospect' | 'client', from: string[], list: number[]): Promise<Array<{ id: number }>> =>
    list.length === 0
      ? []
      : ctx.tx.update(table).set({ lifecycle: to }).where(and(eq(table.workspaceId, ws), inArray(table.lifecycle, from as Array<'lead'>), inValues(table.id, list))).returning({ id: table.id });
  await raise(companies, 'prospect', ['lead'], ids(newDeals, 'companyId'));
  await raise(contacts, 'prospect', ['lead'], ids(newDeals, 'contactId'));
  const promoted = await raise(companies, 'client', ['lead', 'prospect'], ids(wonDeals, 'companyId'));
  await raise(contacts, 'client', ['lead', 'prospect'], ids(wonDeals, 'contactId'));
  // A company that became a customer here did so with its first won deal in the file.
  const firstWin = new Map<number, FieldRow>();
  for (const deal of wonDeals) {
    const company = deal['companyId'] as number | null;
    const seen = company === null ? undefined : firstWin.get(company);
    if (company !== null && (!seen || (deal['wonAt'] as Date) < (seen['wonAt'] as Date))) firstWin.set(company, deal);
  }
  await insertRows(
    ctx.tx,
    customerEvents,
    ['workspaceId', 'companyId', 'kind', 'dealId', 'occurredAt'],
    promoted.map(({ id }) => ({ workspaceId: ws, companyId: id, kind: 'acquired', dealId: firstWin.get(id)!['id'], occurredAt: firstWin.get(id)!['wonAt'] })),
  );
}
