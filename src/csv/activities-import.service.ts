// Activities from a CSV file: the biggest imports (a CRM's whole history), so everything here is
// set-based. Like /log, an activity on a deal takes the deal's company and contact when the line
// names none, and each deal's "last activity" time is recomputed once at the end.
import { sql } from 'drizzle-orm';
import { activities, deals } from '../db/schema.ts';
import type { ActivityCells } from './csv-rows.schema.ts';
import { inValues, insertRows, updateRowsById, type FieldRow } from './csv-bulk.service.ts';
import { indexRecords, isFailure, loadMembers, recordKeys, recordsWhere } from './csv-lookup.service.ts';
import { loadReferences, type CompanyRef, type ContactRef } from './csv-references.service.ts';
import { differs, keptExternalId, oneLinePerRecord, pick, pickRequired, writeById, type KindPlan, type ParsedLine, type PlanContext } from './import-plan.ts';

type ActivityRow = typeof activities.$inferSelect;

const FIELDS = ['type', 'direction', 'outcome', 'durationMinutes', 'notes', 'dealId', 'companyId', 'contactId', 'occurredAt', 'loggedBy', 'externalId'] as const;
const WRITE_FIELDS = ['workspaceId', 'createdAt', ...FIELDS];

interface PlannedActivity {
  row: FieldRow;
  existing: ActivityRow | undefined;
  byId: boolean;
  company: CompanyRef | null;
  contact: ContactRef | null;
}

export async function planActivities(ctx: PlanContext, lines: Array<ParsedLine<ActivityCells>>): Promise<KindPlan> {
  const ws = ctx.workspace.id;
  const stored = await ctx.tx.select().from(activities).where(recordsWhere(activities, ws, recordKeys(lines.map((l) => l.cells.external_id), false)));
  const index = indexRecords(stored);
  const dealKeys = recordKeys(lines.flatMap((l) => (l.cells.deal ? [l.cells.deal] : [])), false);
  const dealRows =
    dealKeys.externalIds.length > 0
      ? await ctx.tx.select({ id: deals.id, externalId: deals.externalId, companyId: deals.companyId, contactId: deals.contactId }).from(deals).where(recordsWhere(deals, ws, dealKeys))
      : [];
  const dealIndex = indexRecords(dealRows);
  const team = await loadMembers(ctx.tx, ws);
  const refs = await loadReferences(ctx.tx, ws, {
    companies: lines.flatMap((l) => (l.cells.company ? [l.cells.company] : [])),
    contacts: lines.flatMap((l) => (l.cells.contact ? [l.cells.contact] : [])),
  });
  const once = oneLinePerRecord(ctx);

  const planned: PlannedActivity[] = [];
  for (const { line, cells } of lines) {
    const existing = index.find(cells.external_id);
    if (!once(line, existing?.id)) continue;
    let ok = true;
    const fail = (code: string, params: Record<string, string | number>, column: string): void => {
      ctx.issue(line, code, params, column);
      ok = false;
    };
    let dealId = cells.deal === undefined ? (existing?.dealId ?? null) : null;
    let dealCompany: number | null = null;
    let dealContact: number | null = null;
    if (cells.deal) {
      const deal = dealIndex.find(cells.deal);
      if (!deal) fail('csv_deal_unknown', { input: cells.deal }, 'deal');
      else [dealId, dealCompany, dealContact] = [deal.id, deal.companyId, deal.contactId];
    }
    // Named company and contact; else, as /log does, the deal's; else (no such column) the stored ones.
    let company: CompanyRef | null = cells.company === undefined && existing?.companyId ? { id: existing.companyId } : null;
    if (cells.company) {
      const ref = refs.company(cells.company);
      if (isFailure(ref)) fail(ref.code, ref.params, 'company');
      else company = ref;
    } else if (company === null && dealCompany !== null) company = { id: dealCompany };
    let contact: ContactRef | null = cells.contact === undefined && existing?.contactId ? { id: existing.contactId, companyId: null } : null;
    if (cells.contact) {
      const ref = refs.contact(cells.contact, company);
      if (isFailure(ref)) fail(ref.code, ref.params, 'contact');
      else contact = ref;
    } else if (contact === null && dealContact !== null) contact = { id: dealContact, companyId: null };
    if (!company && contact) company = refs.contactCompany(contact);
    if (ok && dealId === null && company === null && contact === null) fail('csv_target_missing', {}, 'deal');
    let loggedBy = existing?.loggedBy ?? ctx.member.id;
    if (cells.logged_by) {
      const author = team.resolve(cells.logged_by);
      if (isFailure(author)) fail(author.code, author.params, 'logged_by');
      else loggedBy = author.id;
    }
    if (!ok) continue;
    planned.push({
      existing,
      byId: writeById(existing, cells.external_id),
      company,
      contact,
      row: {
        id: existing?.id,
        workspaceId: ws,
        type: cells.type,
        direction: pick(cells.direction, existing?.direction),
        outcome: pick(cells.outcome, existing?.outcome),
        durationMinutes: pick(cells.duration, existing?.durationMinutes),
        notes: pick(cells.notes, existing?.notes),
        dealId,
        occurredAt: cells.occurred_at,
        loggedBy,
        externalId: keptExternalId(existing, cells.external_id),
        createdAt: pickRequired(undefined, existing?.createdAt, ctx.now),
      },
    });
  }

  return {
    skippedErased: [],
    async write() {
      const made = await refs.createMissing(ctx.now);
      for (const p of planned) {
        p.row['companyId'] = refs.companyId(p.company);
        p.row['contactId'] = refs.contactId(p.contact);
      }
      const created = planned.filter((p) => !p.existing);
      const changed = planned.filter((p) => p.existing && differs(p.existing, p.row, FIELDS));
      await insertRows(ctx.tx, activities, WRITE_FIELDS, [...created, ...changed.filter((p) => !p.byId)].map((p) => p.row), { upsertOnExternalId: true });
      await updateRowsById(ctx.tx, activities, ws, WRITE_FIELDS, changed.filter((p) => p.byId).map((p) => p.row));

      // Every deal gaining, losing or moving an activity gets its exact latest activity time
      // (an index lookup per deal on activities_deal_idx), in one statement.
      const touched = new Set<number>();
      for (const p of [...created, ...changed]) {
        if (p.row['dealId'] !== null) touched.add(p.row['dealId'] as number);
        if (p.existing?.dealId) touched.add(p.existing.dealId);
      }
      if (touched.size > 0) {
        await ctx.tx.execute(sql`
          update ${deals} set last_activity_at = (
            select max(a.occurred_at) from ${activities} a where a.workspace_id = ${deals.workspaceId} and a.deal_id = ${deals.id}
          ) where ${deals.workspaceId} = ${ws} and ${inValues(deals.id, [...touched])}`);
      }
      return { created: created.length, updated: changed.length, unchanged: planned.length - created.length - changed.length, companiesCreated: made.companies, contactsCreated: made.contacts };
    },
  };
}
