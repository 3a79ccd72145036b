// Companies from a CSV file. Company names are unique in a workspace (by name key), so a line
// whose external id is new but whose name already exists takes over that company (when it has
// no external id of its own) instead of failing on the unique index; two lines or two external
// ids for one name are reported.
import { companies } from '../db/schema.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { CompanyCells } from './csv-rows.schema.ts';
import { insertRows, updateRowsById, type FieldRow } from './csv-bulk.service.ts';
import { indexRecords, recordKeys, recordsWhere } from './csv-lookup.service.ts';
import { differs, keptExternalId, oneLinePerRecord, pickRequired, writeById, type KindPlan, type ParsedLine, type PlanContext } from './import-plan.ts';

type CompanyRow = typeof companies.$inferSelect;

/** Compared to tell an update from an unchanged line. */
const FIELDS = ['name', 'lifecycle', 'externalId', 'createdAt'] as const;
const WRITE_FIELDS = ['workspaceId', 'name', 'nameKey', 'lifecycle', 'externalId', 'createdAt'];

export async function planCompanies(ctx: PlanContext, lines: Array<ParsedLine<CompanyCells>>): Promise<KindPlan> {
  const ws = ctx.workspace.id;
  const keys = recordKeys(lines.map((l) => l.cells.external_id), false);
  keys.nameKeys = lines.map((l) => normalizeKey(l.cells.name));
  const stored = await ctx.tx.select().from(companies).where(recordsWhere(companies, ws, keys));
  const index = indexRecords(stored);
  const byName = new Map(stored.map((c) => [c.nameKey, c]));

  const firstLineOfName = new Map<string, number>();
  const once = oneLinePerRecord(ctx);
  const planned: Array<{ row: FieldRow; existing: CompanyRow | undefined; byId: boolean }> = [];
  for (const { line, cells } of lines) {
    const nameKey = normalizeKey(cells.name);
    const earlier = firstLineOfName.get(nameKey);
    if (earlier !== undefined) {
      ctx.issue(line, 'csv_company_name_twice', { name: cells.name, first: earlier }, 'name');
      continue;
    }
    firstLineOfName.set(nameKey, line);
    let existing = index.find(cells.external_id);
    const holder = byName.get(nameKey);
    if (holder && holder.id !== existing?.id) {
      if (existing === undefined && holder.externalId === null) {
        // A company created in chat, now imported with its id from the other system.
        existing = holder;
      } else {
        ctx.issue(line, 'csv_company_name_taken', { name: cells.name }, 'name');
        continue;
      }
    }
    if (!once(line, existing?.id)) continue;
    const row: FieldRow = {
      id: existing?.id,
      workspaceId: ws,
      name: cells.name,
      nameKey,
      lifecycle: pickRequired(cells.lifecycle, existing?.lifecycle, 'lead'),
      externalId: keptExternalId(existing, cells.external_id),
      createdAt: existing?.createdAt ?? ctx.now,
    };
    planned.push({ row, existing, byId: writeById(existing, cells.external_id) });
  }

  return {
    skippedErased: [],
    async write() {
      const created = planned.filter((p) => !p.existing);
      const changed = planned.filter((p) => p.existing && differs(p.existing, p.row, FIELDS));
      await insertRows(ctx.tx, companies, WRITE_FIELDS, [...created, ...changed.filter((p) => !p.byId)].map((p) => p.row), { upsertOnExternalId: true });
      await updateRowsById(ctx.tx, companies, ws, WRITE_FIELDS, changed.filter((p) => p.byId).map((p) => p.row));
      return { created: created.length, updated: changed.length, unchanged: planned.length - created.length - changed.length, companiesCreated: 0, contactsCreated: 0 };
    },
  };
}
