// Values to propose while a member types an option (Discord autocomplete): records they can
// see whose name contains what they typed, at most 25 (Discord's limit).
import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { companies, contacts, deals, members } from '../db/schema.ts';
import type { MemberRow } from '../core/context.ts';
import type { ChoiceSpec, Lang } from '../core/types.ts';
import { visibleDeals } from './access.service.ts';
import { listStages, stageName } from './workspace.service.ts';
import { workspaceGlossary } from './glossary.service.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { readRecordNumber } from '../core/limits.ts';

export type SuggestKind = 'deal' | 'company' | 'contact' | 'record' | 'member' | 'stage' | 'term';

const LIMIT = 25;
/** `%` and `_` typed by a member are literal characters, not patterns. */
const like = (partial: string) => `%${partial.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function suggestValues(tx: Executor, member: MemberRow, kind: SuggestKind, partial: string, lang: Lang): Promise<ChoiceSpec[]> {
  const text = partial.trim().slice(0, 100);
  const ws = member.workspaceId;
  switch (kind) {
    case 'deal': {
      const byId = readRecordNumber(text);
      // A number beyond int4 names no deal (and PostgreSQL would refuse to compare it).
      if (byId === 'out_of_range') return [];
      const rows = await tx
        .select({ id: deals.id, name: deals.name })
        .from(deals)
        .where(and(visibleDeals(member, tx), text ? (byId !== undefined ? eq(deals.id, byId) : ilike(deals.name, like(text))) : eq(deals.status, 'open')))
        .orderBy(desc(deals.updatedAt))
        .limit(LIMIT);
      return rows.map((row) => ({ label: `#${row.id} ${row.name}`, value: `#${row.id}` }));
    }
    case 'company':
    case 'contact': {
      const table = kind === 'company' ? companies : contacts;
      const rows = await tx
        .select({ name: table.name })
        .from(table)
        .where(and(eq(table.workspaceId, ws), text ? ilike(table.name, like(text)) : sql`true`))
        .orderBy(asc(table.name))
        .limit(LIMIT);
      return rows.map((row) => ({ label: row.name, value: row.name }));
    }
    case 'record': {
      const [dealHits, companyHits, contactHits] = [
        await suggestValues(tx, member, 'deal', text, lang),
        await suggestValues(tx, member, 'company', text, lang),
        await suggestValues(tx, member, 'contact', text, lang),
      ];
      return [...companyHits, ...contactHits, ...dealHits.map((hit) => ({ label: hit.label, value: hit.label.replace(/^#\d+ /, '') }))].slice(0, LIMIT);
    }
    case 'member': {
      const rows = await tx
        .select({ name: members.displayName, id: members.platformUserId })
        .from(members)
        .where(and(eq(members.workspaceId, ws), text ? or(ilike(members.displayName, like(text)), ilike(members.platformUserId, like(text))) : sql`true`))
        .orderBy(asc(members.displayName))
        .limit(LIMIT);
      return rows.map((row) => ({ label: row.name, value: row.name }));
    }
    case 'term': {
      const index = await workspaceGlossary(tx, ws);
      const typed = normalizeKey(text);
      return [...index.entries.values()]
        .filter((term) => !typed || [term.fr.name, term.en.name, ...term[lang].aliases].some((name) => normalizeKey(name).includes(typed)))
        .slice(0, LIMIT)
        .map((term) => ({ label: `${term[lang].name} — ${term[lang === 'fr' ? 'en' : 'fr'].name}`.slice(0, 100), value: term.id }));
    }
    case 'stage': {
      const all = await listStages(tx, ws);
      const key = text.toLowerCase();
      return all
        .filter((stage) => !key || [stage.key, stage.nameFr, stage.nameEn].some((word) => word.toLowerCase().includes(key)))
        .map((stage) => ({ label: stageName(stage, lang), value: stage.key }));
    }
  }
}
