// Contacts from a CSV file. A line about an erased person (its email or phone is on the
// suppression list) is left out and reported by line number only. An opt-out (phone or email)
// can be recorded by an import but never lifted by one: a spreadsheet cell left empty must not
// undo a person's objection.
import { contacts } from '../db/schema.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { ContactCells } from './csv-rows.schema.ts';
import { insertRows, updateRowsById, type FieldRow } from './csv-bulk.service.ts';
import { indexRecords, isFailure, loadSuppressed, recordKeys, recordsWhere } from './csv-lookup.service.ts';
import { loadReferences, type CompanyRef } from './csv-references.service.ts';
import { differs, keptExternalId, oneLinePerRecord, pick, pickRequired, writeById, type KindPlan, type ParsedLine, type PlanContext } from './import-plan.ts';

type ContactRow = typeof contacts.$inferSelect;

const FIELDS = ['name', 'companyId', 'email', 'phone', 'title', 'lifecycle', 'optOutPhone', 'optOutEmail', 'externalId', 'createdAt'] as const;
const WRITE_FIELDS = ['workspaceId', 'name', 'nameKey', 'companyId', 'email', 'phone', 'title', 'lifecycle', 'optOutPhone', 'optOutEmail', 'externalId', 'createdAt'];

export async function planContacts(ctx: PlanContext, lines: Array<ParsedLine<ContactCells>>): Promise<KindPlan> {
  const ws = ctx.workspace.id;
  const isErased = await loadSuppressed(ctx.tx, ws, lines.map((l) => l.cells));
  const skippedErased: number[] = [];
  const kept = lines.filter((l) => {
    if (!isErased(l.cells)) return true;
    skippedErased.push(l.line);
    return false;
  });

  const stored = await ctx.tx.select().from(contacts).where(recordsWhere(contacts, ws, recordKeys(kept.map((l) => l.cells.external_id), false)));
  const index = indexRecords(stored);
  const refs = await loadReferences(ctx.tx, ws, { companies: kept.flatMap((l) => (l.cells.company ? [l.cells.company] : [])), contacts: [] });
  const once = oneLinePerRecord(ctx);

  const planned: Array<{ row: FieldRow; existing: ContactRow | undefined; byId: boolean; company: CompanyRef | null | undefined }> = [];
  for (const { line, cells } of kept) {
    const existing = index.find(cells.external_id);
    if (!once(line, existing?.id)) continue;
    let company: CompanyRef | null | undefined;
    if (cells.company) {
      const ref = refs.company(cells.company);
      if (isFailure(ref)) {
        ctx.issue(line, ref.code, ref.params, 'company');
        continue;
      }
      company = ref;
    } else {
      company = cells.company === null ? null : undefined;
    }
    planned.push({
      existing,
      byId: writeById(existing, cells.external_id),
      company,
      row: {
        id: existing?.id,
        workspaceId: ws,
        name: cells.name,
        nameKey: normalizeKey(cells.name),
        email: pick(cells.email, existing?.email),
        phone: pick(cells.phone, existing?.phone),
        title: pick(cells.title, existing?.title),
        lifecycle: pickRequired(cells.lifecycle, existing?.lifecycle, 'lead'),
        optOutPhone: (existing?.optOutPhone ?? false) || (cells.opt_out_phone ?? false),
        optOutEmail: (existing?.optOutEmail ?? false) || (cells.opt_out_email ?? false),
        externalId: keptExternalId(existing, cells.external_id),
        createdAt: existing?.createdAt ?? ctx.now,
      },
    });
  }

  return {
    skippedErased,
    async write() {
      const made = await refs.createMissing(ctx.now);
      for (const p of planned) p.row['companyId'] = p.company === undefined ? (p.existing?.companyId ?? null) : refs.companyId(p.company);
      const created = planned.filter((p) => !p.existing);
      const changed = planned.filter((p) => p.existing && differs(p.existing, p.row, FIELDS));
      await insertRows(ctx.tx, contacts, WRITE_FIELDS, [...created, ...changed.filter((p) => !p.byId)].map((p) => p.row), { upsertOnExternalId: true });
      await updateRowsById(ctx.tx, contacts, ws, WRITE_FIELDS, changed.filter((p) => p.byId).map((p) => p.row));
      return { created: created.length, updated: changed.length, unchanged: planned.length - created.length - changed.length, companiesCreated: made.companies, contactsCreated: 0 };
    },
  };
}
