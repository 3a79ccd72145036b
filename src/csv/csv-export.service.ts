// CSV export of deals, contacts, companies or activities, in the columns the import reads back:
// export, then import into the same or another workspace, gives the same records. French
// exports use `;` and a decimal comma (what Excel expects in France), English ones `,` and a
// decimal point; both are UTF-8 with a byte order mark so Excel reads the accents right.
// Dates are ISO (`2026-12-31`, instants in UTC), which every spreadsheet and the import read.
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { stringify } from 'csv-stringify/sync';
import { activityTypeChoices, choiceLabel, directionChoices, lostReasonChoices, outcomeChoices } from '../commands/shared/choices.ts';
import type { MemberRow, WorkspaceRow } from '../core/context.ts';
import { todayIn } from '../core/parse/date.parser.ts';
import type { Lang } from '../core/types.ts';
import type { Executor } from '../db/client.ts';
import { activities, companies, contacts, deals, members } from '../db/schema.ts';
import { visibleDeals } from '../services/access.service.ts';
import { listStages } from '../services/workspace.service.ts';
import { csvColumns, lifecycleChoices, type CsvKind } from './csv-columns.schema.ts';
import { loadMembers } from './csv-lookup.service.ts';
import { guardText } from './csv-values.parser.ts';

export interface ExportInput {
  kind: CsvKind;
  /** Headers, separator, decimal mark and value labels. */
  lang: Lang;
  workspace: WorkspaceRow;
  /** Who exports: a manager with a team gets that team's deals and activities, as in /deal list. */
  member: MemberRow;
  now: Date;
}

export interface ExportResult {
  bytes: Uint8Array;
  fileName: string;
  /** Data rows (the header excluded). */
  rows: number;
  separator: ';' | ',';
}

/** Managers and admins export; reps see only their own deals and have no use for a file of them. */
export const canExport = (member: MemberRow): boolean => member.role !== 'rep';

type Cell = string | number | null;

const BOM = '\uFEFF';

/** `#12` for records created in Relance (no external id): the import finds them again by it. */
const externalOf = (row: { id: number; externalId: string | null }): string => row.externalId ?? `#${row.id}`;
const instant = (value: Date | null): string => (value ? value.toISOString() : '');
/** Minor units as a plain decimal number, without grouping: `12000,50` / `12000.50`. */
const amount = (minor: number | null, lang: Lang): string => {
  if (minor === null) return '';
  const text = (minor / 100).toFixed(2);
  return lang === 'fr' ? text.replace('.', ',') : text;
};
const yesNo = (value: boolean, lang: Lang): string => (value ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no');

async function dealRows(tx: Executor, input: ExportInput): Promise<Cell[][]> {
  const { lang } = input;
  const team = await loadMembers(tx, input.workspace.id);
  const stages = new Map((await listStages(tx, input.workspace.id)).map((s) => [s.key, lang === 'fr' ? s.nameFr : s.nameEn]));
  const rows = await tx
    .select({ deal: deals, company: companies.name, contact: contacts.name })
    .from(deals)
    .leftJoin(companies, eq(companies.id, deals.companyId))
    .leftJoin(contacts, eq(contacts.id, deals.contactId))
    .where(visibleDeals(input.member, tx))
    .orderBy(asc(deals.id));
  return rows.map(({ deal: d, company, contact }) => [
    externalOf(d), d.name, company, contact, team.label(d.ownerId), amount(d.amountMinor, lang), d.currency, stages.get(d.stage) ?? d.stage,
    d.expectedCloseDate, d.nextStep, d.nextStepDue, instant(d.createdAt), instant(d.wonAt), instant(d.lostAt),
    d.lostReason ? choiceLabel(lostReasonChoices, d.lostReason, lang) : '', d.lostNote,
  ]);
}

async function contactRows(tx: Executor, input: ExportInput): Promise<Cell[][]> {
  const { lang } = input;
  // The directory is shared by the whole workspace (every member can log against any contact).
  const rows = await tx
    .select({ contact: contacts, company: companies.name })
    .from(contacts)
    .leftJoin(companies, eq(companies.id, contacts.companyId))
    .where(eq(contacts.workspaceId, input.workspace.id))
    .orderBy(asc(contacts.id));
  return rows.map(({ contact: c, company }) => [
    externalOf(c), c.name, company, c.email, c.phone, c.title, yesNo(c.optOutPhone, lang), yesNo(c.optOutEmail, lang), choiceLabel(lifecycleChoices, c.lifecycle, lang),
  ]);
}

async function companyRows(tx: Executor, input: ExportInput): Promise<Cell[][]> {
  const rows = await tx.select().from(companies).where(eq(companies.workspaceId, input.workspace.id)).orderBy(asc(companies.id));
  return rows.map((c) => [externalOf(c), c.name, choiceLabel(lifecycleChoices, c.lifecycle, input.lang)]);
}

/** Activities a member may see: on deals they see, or logged by them or their team when on no deal. */
function visibleActivities(member: MemberRow, tx: Executor): SQL {
  const inWorkspace = eq(activities.workspaceId, member.workspaceId);
  if (member.role === 'admin' || (member.role === 'manager' && !member.team)) return inWorkspace;
  const seenDeals = tx.select({ id: deals.id }).from(deals).where(visibleDeals(member, tx));
  const authors =
    member.role === 'manager' && member.team
      ? tx.select({ id: members.id }).from(members).where(and(eq(members.workspaceId, member.workspaceId), eq(members.team, member.team)))
      : tx.select({ id: members.id }).from(members).where(eq(members.id, member.id));
  return and(inWorkspace, or(inArray(activities.dealId, seenDeals), and(isNull(activities.dealId), or(eq(activities.loggedBy, member.id), inArray(activities.loggedBy, authors)))))!;
}

async function activityRows(tx: Executor, input: ExportInput): Promise<Cell[][]> {
  const { lang } = input;
  const team = await loadMembers(tx, input.workspace.id);
  const deal = alias(deals, 'deal');
  const rows = await tx
    .select({ activity: activities, dealId: deal.id, dealExternalId: deal.externalId, company: companies.name, contact: contacts.name })
    .from(activities)
    .leftJoin(deal, eq(deal.id, activities.dealId))
    .leftJoin(companies, eq(companies.id, activities.companyId))
    .leftJoin(contacts, eq(contacts.id, activities.contactId))
    .where(visibleActivities(input.member, tx))
    .orderBy(asc(activities.occurredAt), asc(activities.id));
  return rows.map(({ activity: a, dealId, dealExternalId, company, contact }) => [
    externalOf(a), choiceLabel(activityTypeChoices, a.type, lang), dealId === null ? '' : externalOf({ id: dealId, externalId: dealExternalId }), company, contact,
    a.direction ? choiceLabel(directionChoices, a.direction, lang) : '', a.outcome ? choiceLabel(outcomeChoices, a.outcome, lang) : '', a.durationMinutes,
    instant(a.occurredAt), team.label(a.loggedBy), a.notes,
  ]);
}

const builders: Record<CsvKind, (tx: Executor, input: ExportInput) => Promise<Cell[][]>> = {
  deals: dealRows,
  contacts: contactRows,
  companies: companyRows,
  activities: activityRows,
};

export async function exportCsv(tx: Executor, input: ExportInput): Promise<ExportResult> {
  const separator = input.lang === 'fr' ? ';' : ',';
  const rows = await builders[input.kind](tx, input);
  const header = csvColumns[input.kind].map((column) => column[input.lang]);
  // Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+33 6…`) goes behind a `'`;
  // the import takes it off again.
  const safe = rows.map((row) => row.map((value) => (typeof value === 'string' ? guardText(value) : value ?? '')));
  // Line breaks inside a value (notes) are quoted whatever they are: csv-stringify only quotes the
  // record delimiter itself (\r\n), and a bare \n would otherwise end the record.
  const text = stringify([header, ...safe], { delimiter: separator, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  const day = todayIn(input.workspace.timeZone, input.now);
  return { bytes: new TextEncoder().encode(BOM + text), fileName: `relance-${input.kind}-${day}.csv`, rows: rows.length, separator };
}
