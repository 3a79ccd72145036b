// Erasure and access find the person however written: accents, case, hyphens and word order in
// names, e-mails in any case, phone numbers in any national or international format; the first
// name alone on her own records; other possible mentions listed, never erased blindly. End to
// end through the bot, on the database the suite runs on.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { queryRows } from '../../src/db/client.ts';
import { activities, companies, contacts, deals, members, qualifications } from '../../src/db/schema.ts';
import { kpis } from '../../src/kpi/kpi.service.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { normalizeKey } from '../../src/core/parse/tokenize.parser.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const NAME = 'Zoé Archambault-Vidal';
const VARIANT_NOTES = [
  'Rappel de Zoe Archambault-Vidal ce matin',
  'ZOE ARCHAMBAULT VIDAL a validé le budget',
  'Son portable : 06 12 34 56 78',
  'Numéro direct 0612345678, le matin',
  'Standard : +33 (0)6 12 34 56 78',
  'Devis envoyé à ZOE.AV@example.FR hier',
  'Rencontré Archambault Vidal Zoé au salon',
];
const UNRELATED = 'Zoé (assistante de Marc) a confirmé la démo';
const NEAR = 'Marc cite une Zoé Archambaut-Vidal, à vérifier';

interface Seeded {
  admin: Session;
  ws: number;
  zoe: number;
  herDeal: number;
  otherDeal: number;
  ownNote: number;
  variantNotes: number[];
  herDealNote: number;
  unrelatedNote: number;
  nearNote: number;
}

async function seed(locale?: string): Promise<Seeded> {
  const at = new Date('2026-11-10T09:00:00Z');
  h.clock.now = new Date('2026-11-20T09:00:00Z');
  const admin = await h.session({ role: 'admin', name: 'Ada', ...(locale ? { locale } : {}) });
  const db = h.database.db;
  const ws = await workspaceIdOf(h.database, admin);
  const [me] = await db.select().from(members).where(eq(members.workspaceId, ws));
  const company = async (name: string) => (await db.insert(companies).values({ workspaceId: ws, name, nameKey: normalizeKey(name), createdAt: at }).returning())[0]!.id;
  const atlas = await company('Atlas Industries');
  const boree = await company('Borée SA');
  const [zoe] = await db
    .insert(contacts)
    .values({ workspaceId: ws, companyId: atlas, name: NAME, nameKey: normalizeKey(NAME), email: 'zoe.av@Example.fr', phone: '+33 6 12 34 56 78', title: 'DAF', createdAt: at })
    .returning();
  const [marc] = await db.insert(contacts).values({ workspaceId: ws, companyId: boree, name: 'Marc Bernard', nameKey: 'marc bernard', createdAt: at }).returning();
  const deal = async (name: string, companyId: number, contactId: number, amount: number, won: boolean, nextStep: string) =>
    (
      await db
        .insert(deals)
        .values({
          workspaceId: ws,
          name,
          nameKey: normalizeKey(name),
          companyId,
          contactId,
          ownerId: me!.id,
          amountMinor: amount,
          stage: won ? 'won' : 'proposal',
          status: won ? 'won' : 'open',
          probability: won ? 100 : 60,
          nextStep,
          createdAt: at,
          updatedAt: at,
          ...(won ? { wonAt: new Date('2026-11-18T09:00:00Z') } : {}),
        })
        .returning()
    )[0]!.id;
  const herDeal = await deal(`Projet Atlas – ${NAME}`, atlas, zoe!.id, 2_500_000, true, 'Envoyer le contrat à Zoé');
  const otherDeal = await deal('Projet Borée', boree, marc!.id, 4_000_000, false, 'Démo avec Marc et Zoé');
  const note = async (notes: string, link: { contactId?: number; dealId?: number; companyId?: number }) =>
    (await db.insert(activities).values({ workspaceId: ws, type: 'note', notes, loggedBy: me!.id, occurredAt: at, createdAt: at, ...link }).returning())[0]!.id;
  const ownNote = await note(`Premier appel avec ${NAME}`, { contactId: zoe!.id, companyId: atlas, dealId: herDeal });
  const variantNotes: number[] = [];
  for (const [i, text] of VARIANT_NOTES.entries()) variantNotes.push(await note(text, { companyId: i % 2 === 0 ? atlas : boree }));
  const herDealNote = await note('Zoé rappelle lundi', { dealId: herDeal, companyId: atlas });
  const unrelatedNote = await note(UNRELATED, { dealId: otherDeal, companyId: boree });
  const nearNote = await note(NEAR, { companyId: boree });
  await db.insert(qualifications).values({ workspaceId: ws, dealId: herDeal, framework: 'bant', answers: { authority: 'Zoé décide avec le DG', need: 'Joindre ZOE.AV@EXAMPLE.FR' }, score: 60, verdict: 'nurture', createdAt: at });
  return { admin, ws, zoe: zoe!.id, herDeal, otherDeal, ownNote, variantNotes, herDealNote, unrelatedNote, nearNote };
}

interface Cell {
  table: string;
  id: string;
  column: string;
  value: string;
}

/** Every text and JSON cell of the workspace (every table of the catalogue that has a workspace_id), by primary key. */
async function cells(ws: number): Promise<Cell[]> {
  const db = h.database.db;
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        where c.table_schema = 'public' and c.data_type in ('text', 'jsonb', 'json', 'character varying')
          and exists (select 1 from information_schema.columns w where w.table_schema = 'public' and w.table_name = c.table_name and w.column_name = 'workspace_id')`,
  );
  const keys = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select k.table_name, k.column_name from information_schema.table_constraints t
        join information_schema.key_column_usage k on k.constraint_name = t.constraint_name and k.table_name = t.table_name and k.constraint_schema = t.constraint_schema
        where t.table_schema = 'public' and t.constraint_type = 'PRIMARY KEY' order by k.ordinal_position`,
  );
  const out: Cell[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const key = keys.filter((k) => k.table_name === table && k.column_name !== 'workspace_id').map((k) => k.column_name);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${sql.join(
        key.map((k) => sql`${sql.identifier(k)}::text as ${sql.identifier(k)}`),
        sql`, `,
      )}, ${sql.identifier(column)}::text as value from ${sql.identifier(table)} where workspace_id = ${ws} and ${sql.identifier(column)} is not null`,
    );
    for (const row of rows) {
      const id = key.length === 1 && key[0] === 'id' ? String(row['id']) : key.map((k) => `${k}=${String(row[k])}`).join(', ');
      out.push({ table, id, column, value: String(row['value']) });
    }
  }
  return out;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Any trace of her name, e-mail or number, however written (checked without the product's matcher). */
const traces = (text: string): string[] => {
  const folded = fold(text);
  const found: string[] = [];
  if (folded.includes('archambault')) found.push('surname');
  if (folded.includes('zoe.av@example.fr')) found.push('email');
  if (text.replace(/\D/g, '').includes('612345678')) found.push('phone');
  return found;
};

async function figures(ws: number): Promise<Record<string, number | null>> {
  const [viewer] = await h.database.db.select().from(members).where(and(eq(members.workspaceId, ws), eq(members.role, 'admin')));
  const period = parsePeriod('month', { now: h.clock.now, timeZone: 'Europe/Paris', lang: 'en' });
  const out: Record<string, number | null> = {};
  for (const kpi of kpis) out[kpi.key] = (await kpi.compute(h.database.db, { viewer: viewer!, currency: 'EUR', subject: { kind: 'all' } }, period)).value;
  return out;
}

const files = (replies: Reply[]) => replies.flatMap((r) => r.blocks).flatMap((b) => (b.type === 'file' ? [b] : []));
const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));

describe('erasure finds the person however written', () => {
  it('leaves no variant of her name, e-mail or number anywhere, keeps the unrelated Zoé and lists her for review', async () => {
    const s = await seed('fr-FR');
    const before = await figures(s.ws);
    expect(before['revenue']).toBe(2_500_000);
    const seeded = await cells(s.ws);
    expect(seeded.filter((c) => traces(c.value).length > 0).length).toBeGreaterThanOrEqual(VARIANT_NOTES.length + 4);

    expect(await s.admin.send(`/contact effacer #${s.zoe}`)).toContain(`Effacer définitivement ${NAME}`);
    const reply = await s.admin.click(1);
    expect(reply).toMatch(new RegExp(`Contact #${s.zoe} effacé\u00a0: \\d+ mentions remplacées, 1 note supprimée\\.`));
    // The unrelated Zoé and the near spelling are listed, with a short snippet, not erased.
    expect(reply).toContain(`Activité #${s.unrelatedNote} (prénom seul)\u00a0: «\u202f${UNRELATED}\u202f»`);
    expect(reply).toContain(`Affaire #${s.otherDeal} (prénom seul)`);
    expect(reply).toContain(`Activité #${s.nearNote} (orthographe proche)`);
    expect(reply).not.toMatch(/\(s\)/);
    for (const line of reply.split('\n').filter((l) => l.includes('«'))) expect(line.split('«')[1]!.length).toBeLessThanOrEqual(70);

    const after = await cells(s.ws);
    expect(after.length).toBeGreaterThan(20);
    const left = after.filter((c) => traces(c.value).length > 0).map((c) => `${c.table}.${c.column} #${c.id}: ${traces(c.value).join(',')}`);
    // (The near spelling `Archambaut-Vidal`, left for review, does not contain `archambault`.)
    expect(left).toEqual([]);
    const zoeWords = after.filter((c) => /\bzoe\b/.test(fold(c.value))).map((c) => `${c.table}.${c.column} #${c.id}`);
    expect(zoeWords.sort()).toEqual([`activities.notes #${s.nearNote}`, `activities.notes #${s.unrelatedNote}`, `deals.next_step #${s.otherDeal}`].sort());

    const notes = new Map((await h.database.db.select().from(activities).where(eq(activities.workspaceId, s.ws))).map((a) => [a.id, a.notes]));
    expect(notes.size).toBe(VARIANT_NOTES.length + 4);
    expect(notes.get(s.unrelatedNote)).toBe(UNRELATED);
    expect(notes.get(s.nearNote)).toBe(NEAR);
    expect(notes.get(s.ownNote)).toBeNull();
    expect(notes.get(s.herDealNote)).toBe(`[effacé] #${s.zoe} rappelle lundi`);
    expect(notes.get(s.variantNotes[0]!)).toBe(`Rappel de [effacé] #${s.zoe} ce matin`);
    expect(notes.get(s.variantNotes[4]!)).toBe(`Standard : [effacé] #${s.zoe}`);
    const [herDeal] = await h.database.db.select().from(deals).where(eq(deals.id, s.herDeal));
    expect(herDeal).toMatchObject({ name: `Projet Atlas – [effacé] #${s.zoe}`, nameKey: normalizeKey(`Projet Atlas – [effacé] #${s.zoe}`), nextStep: `Envoyer le contrat à [effacé] #${s.zoe}` });
    const [otherDeal] = await h.database.db.select().from(deals).where(eq(deals.id, s.otherDeal));
    expect(otherDeal!.nextStep).toBe('Démo avec Marc et Zoé');
    const [answers] = await h.database.db.select().from(qualifications).where(eq(qualifications.dealId, s.herDeal));
    expect(answers!.answers).toEqual({ authority: `[effacé] #${s.zoe} décide avec le DG`, need: `Joindre [effacé] #${s.zoe}` });
    expect(await figures(s.ws)).toEqual(before);
  });

  it('exports beforehand exactly the texts the erasure then rewrites, and the review list apart', async () => {
    const s = await seed();
    const before = await cells(s.ws);
    await s.admin.send(`/contact export #${s.zoe}`);
    const [document, review, ...extra] = files(s.admin.replies);
    expect(extra).toEqual([]);
    const data = json(document!.bytes);
    const listed = (data.texts as Array<{ table: string; id: string; column: string; text: string }>).map((t) => `${t.table}|${t.id}|${t.column}`).sort();
    const toCheck = json(review!.bytes) as Array<{ table: string; id: string; reason: string; snippet: string }>;
    expect(toCheck.map((r) => `${r.table}#${r.id}:${r.reason}`).sort()).toEqual([`activities#${s.nearNote}:first_name`, `activities#${s.nearNote}:near`, `activities#${s.unrelatedNote}:first_name`, `deals#${s.otherDeal}:first_name`].sort());
    // Nothing for review is in the file meant for her.
    expect(JSON.stringify(data)).not.toContain('assistante de Marc');
    expect(data.activities.map((a: { id: number }) => a.id).sort((a: number, b: number) => a - b)).toEqual([s.ownNote, ...s.variantNotes, s.herDealNote].sort((a, b) => a - b));
    expect(s.admin.replies.flatMap((r) => r.blocks).find((b) => b.type === 'text' && b.text.includes('possible mentions'))).toBeTruthy();

    await s.admin.send(`/contact forget #${s.zoe}`);
    const reply = await s.admin.click(1);
    expect(reply).toMatch(/erased: \d+ mentions replaced, 1 note deleted\./);
    const after = new Map((await cells(s.ws)).map((c) => [`${c.table}|${c.id}|${c.column}`, c.value]));
    // Cells that existed before (the forget dialog's own row aside) and changed, or were emptied.
    const changed = before.filter((c) => after.get(`${c.table}|${c.id}|${c.column}`) !== c.value && !(c.table === 'conversations')).map((c) => `${c.table}|${c.id}|${c.column}`);
    expect(changed.sort()).toEqual(listed);
    expect(listed).toEqual(expect.arrayContaining([`activities|${s.herDealNote}|notes`, `activities|${s.ownNote}|notes`, `contacts|${s.zoe}|email`, `deals|${s.herDeal}|name_key`, `qualifications|${(await h.database.db.select().from(qualifications).where(eq(qualifications.dealId, s.herDeal)))[0]!.id}|answers`]));
    expect(listed.some((l) => l.startsWith(`activities|${s.unrelatedNote}|`))).toBe(false);
  });
});
