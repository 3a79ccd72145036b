// Companies and contacts a line refers to (`societe`, `contact` columns): by external id, by
// `#id`, then by name; a name found nowhere is created, once per file, in the import's
// transaction (so a failed or dry-run import creates nothing). Contacts are matched by name
// within the line's company first: two "Marie Martin" at two companies are two people.
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { Executor } from '../db/client.ts';
import { companies, contacts } from '../db/schema.ts';
import { insertRows } from './csv-bulk.service.ts';
import { indexRecords, internalId, recordKeys, recordsWhere, type LookupFailure, type RecordIndex } from './csv-lookup.service.ts';

type CompanyRow = typeof companies.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

/** A company as a line names it: an existing one, or one this import creates. */
export type CompanyRef = { id: number } | { newKey: string };
/** A contact as a line names it. */
export type ContactRef = { id: number; companyId: number | null } | { newKey: string };

export interface References {
  company(text: string): CompanyRef | LookupFailure;
  /** `company` is the line's company, to pick the right namesake. */
  contact(text: string, company: CompanyRef | null): ContactRef | LookupFailure;
  /** Creates the companies and contacts lines named but nobody has yet. */
  createMissing(now: Date): Promise<{ companies: number; contacts: number }>;
  /** Ids once `createMissing` has run. */
  companyId(ref: CompanyRef | null): number | null;
  contactId(ref: ContactRef | null): number | null;
  /** The company of a contact (existing or about to be created), to fill a line that names only the contact. */
  contactCompany(ref: ContactRef): CompanyRef | null;
}

const companyKeyOf = (ref: CompanyRef | null): string => (ref === null ? '' : 'id' in ref ? `id:${ref.id}` : `new:${ref.newKey}`);

export async function loadReferences(tx: Executor, workspaceId: number, texts: { companies: Iterable<string>; contacts: Iterable<string> }): Promise<References> {
  const companyKeys = recordKeys(texts.companies, true);
  const contactKeys = recordKeys(texts.contacts, true);
  const companyRows = companyKeys.externalIds.length > 0 ? await tx.select().from(companies).where(recordsWhere(companies, workspaceId, companyKeys)) : [];
  const contactRows = contactKeys.externalIds.length > 0 ? await tx.select().from(contacts).where(recordsWhere(contacts, workspaceId, contactKeys)) : [];
  const companyIndex: RecordIndex<CompanyRow> = indexRecords(companyRows);
  const contactIndex: RecordIndex<ContactRow> = indexRecords(contactRows);
  const companyByName = new Map(companyRows.map((c) => [c.nameKey, c]));
  const contactsByName = new Map<string, ContactRow[]>();
  for (const c of [...contactRows].sort((a, b) => a.id - b.id)) contactsByName.set(c.nameKey, [...(contactsByName.get(c.nameKey) ?? []), c]);

  // To create: by name key (companies), by name key and company (contacts). First spelling wins.
  const newCompanies = new Map<string, { name: string; id?: number }>();
  const newContacts = new Map<string, { name: string; nameKey: string; company: CompanyRef | null; id?: number }>();

  const unknown = (text: string): LookupFailure => ({ code: 'csv_record_unknown', params: { input: text } });

  const refs: References = {
    company(text) {
      const found = companyIndex.find(text);
      if (found) return { id: found.id };
      // `#12` names a record by number: never a name to create.
      if (internalId(text) !== undefined) return unknown(text);
      const key = normalizeKey(text);
      if (!key) return unknown(text);
      const named = companyByName.get(key);
      if (named) return { id: named.id };
      if (!newCompanies.has(key)) newCompanies.set(key, { name: text });
      return { newKey: key };
    },
    contact(text, company) {
      const found = contactIndex.find(text);
      if (found) return { id: found.id, companyId: found.companyId };
      if (internalId(text) !== undefined) return unknown(text);
      const key = normalizeKey(text);
      if (!key) return unknown(text);
      const namesakes = contactsByName.get(key) ?? [];
      // The namesake at the line's company, else the only one; several elsewhere: ask for an id.
      const atCompany = company && 'id' in company ? namesakes.find((c) => c.companyId === company.id) : undefined;
      const namesake = atCompany ?? (namesakes.length === 1 ? namesakes[0] : undefined);
      if (namesake) return { id: namesake.id, companyId: namesake.companyId };
      if (namesakes.length > 1) return { code: 'csv_contact_ambiguous', params: { input: text } };
      const newKey = `${key}|${companyKeyOf(company)}`;
      if (!newContacts.has(newKey)) newContacts.set(newKey, { name: text, nameKey: key, company });
      return { newKey };
    },
    async createMissing(now) {
      const createdCompanies = await insertRows<{ id: number; name_key: string }>(
        tx,
        companies,
        ['workspaceId', 'name', 'nameKey', 'lifecycle', 'createdAt'],
        [...newCompanies.entries()].map(([nameKey, c]) => ({ workspaceId, name: c.name, nameKey, lifecycle: 'lead', createdAt: now })),
        { returning: ['id', 'nameKey'] },
      );
      for (const row of createdCompanies) newCompanies.get(row.name_key)!.id = Number(row.id);
      const pending = [...newContacts.values()];
      const createdContacts = await insertRows<{ id: number; name_key: string; company_id: number | null }>(
        tx,
        contacts,
        ['workspaceId', 'name', 'nameKey', 'companyId', 'lifecycle', 'optOutPhone', 'optOutEmail', 'createdAt'],
        pending.map((c) => ({ workspaceId, name: c.name, nameKey: c.nameKey, companyId: refs.companyId(c.company), lifecycle: 'lead', optOutPhone: false, optOutEmail: false, createdAt: now })),
        { returning: ['id', 'nameKey', 'companyId'] },
      );
      // Matched back by (name, company), which is unique among the contacts to create, rather
      // than by the order rows come back in.
      const byKey = new Map(pending.map((c) => [`${c.nameKey}|${refs.companyId(c.company) ?? ''}`, c]));
      for (const row of createdContacts) byKey.get(`${row.name_key}|${row.company_id ?? ''}`)!.id = Number(row.id);
      return { companies: createdCompanies.length, contacts: createdContacts.length };
    },
    companyId(ref) {
      if (ref === null) return null;
      if ('id' in ref) return ref.id;
      const id = newCompanies.get(ref.newKey)?.id;
      if (id === undefined) throw new Error(`company ${ref.newKey} not created yet`);
      return id;
    },
    contactId(ref) {
      if (ref === null) return null;
      if ('id' in ref) return ref.id;
      const id = newContacts.get(ref.newKey)?.id;
      if (id === undefined) throw new Error(`contact ${ref.newKey} not created yet`);
      return id;
    },
    contactCompany(ref) {
      if ('id' in ref) return ref.companyId === null ? null : { id: ref.companyId };
      return newContacts.get(ref.newKey)?.company ?? null;
    },
  };
  return refs;
}
