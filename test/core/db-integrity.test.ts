// The database's own integrity rules (issue 14, migration 0011): a row cannot point to another
// workspace's company, contact or deal, an enum column refuses unknown values, deleting a company
// still only clears the reference, and the migration refuses (changing nothing) existing rows
// that break these rules. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, companies, deals, members } from '../../src/db/schema.ts';
import { migrationsFolder } from '../../src/db/client.ts';
import { openHarness, testDatabaseTarget, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceOf } from '../support/workspace-lookup.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

/** The error PostgreSQL raised, whatever the driver wrapped it in. */
async function failure(run: () => Promise<unknown>): Promise<{ code?: string; message: string; constraint?: string }> {
  try {
    await run();
  } catch (error) {
    let e: unknown = error;
    while (e && typeof e === 'object' && !('code' in e) && 'cause' in e) e = (e as { cause: unknown }).cause;
    const found = (e ?? error) as { code?: string; message: string; constraint?: string; constraint_name?: string };
    return { code: found.code, message: `${(error as Error).message} ${found.message}`, constraint: found.constraint ?? found.constraint_name };
  }
  throw new Error('expected the database to refuse');
}

async function rowsOf(s: Session) {
  const db = h.database.db;
  const ws = await workspaceOf(h.database, s);
  const [member] = await db.select().from(members).where(and(eq(members.workspaceId, ws.id), eq(members.platformUserId, s.actor.id)));
  const [company] = await db.select().from(companies).where(eq(companies.workspaceId, ws.id));
  const [deal] = await db.select().from(deals).where(eq(deals.workspaceId, ws.id));
  return { ws, member: member!, company: company!, deal: deal! };
}

describe('workspace-scoped references', () => {
  it("refuses a deal or an activity pointing to another workspace's record", async () => {
    const a = await h.session();
    await a.send('/deal new "Acme renewal" Acme 15k');
    await a.click(1);
    const b = await h.session();
    await b.send('/deal new "Other deal" Globex 5k');
    await b.click(1);
    const A = await rowsOf(a);
    const B = await rowsOf(b);
    const now = new Date('2026-11-24T09:00:00Z');
    const db = h.database.db;

    const insertDeal = await failure(() =>
      db.insert(deals).values({ workspaceId: B.ws.id, name: 'Stolen', nameKey: 'stolen', companyId: A.company.id, ownerId: B.member.id, stage: 'lead', probability: 10, createdAt: now, updatedAt: now }),
    );
    expect(insertDeal.code).toBe('23503');
    expect(insertDeal.message).toContain('deals_company_fk');
    const moveDeal = await failure(() => db.update(deals).set({ companyId: A.company.id }).where(eq(deals.id, B.deal.id)));
    expect(moveDeal.code).toBe('23503');
    const activity = await failure(() => db.insert(activities).values({ workspaceId: B.ws.id, type: 'call', dealId: A.deal.id, occurredAt: now, loggedBy: B.member.id, createdAt: now }));
    expect(activity.code).toBe('23503');
    expect(activity.message).toContain('activities_deal_fk');
    // The same rows within their own workspace are fine.
    await db.insert(activities).values({ workspaceId: A.ws.id, type: 'call', dealId: A.deal.id, companyId: A.company.id, occurredAt: now, loggedBy: A.member.id, createdAt: now });
    expect((await rowsOf(b)).deal.companyId).toBe(B.company.id);
  });

  it('deleting a company clears the references to it and keeps their workspace; deleting a deal takes its activities', async () => {
    const s = await h.session();
    await s.send('/deal new "Short lived" Initech 5k');
    await s.click(1);
    await s.send('/log call "Short lived" 10min');
    const { ws, company, deal } = await rowsOf(s);
    const db = h.database.db;
    expect(await db.select().from(activities).where(eq(activities.dealId, deal.id))).toHaveLength(1);
    await db.delete(companies).where(eq(companies.id, company.id));
    const [kept] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(kept).toMatchObject({ workspaceId: ws.id, companyId: null });
    await db.delete(deals).where(eq(deals.id, deal.id));
    expect(await db.select().from(activities).where(eq(activities.dealId, deal.id))).toEqual([]);
  });
});

describe('enum columns', () => {
  it('refuse values outside their list', async () => {
    const s = await h.session();
    await s.send('/deal new "Acme renewal" Acme 15k');
    await s.click(1);
    const { ws, member, deal } = await rowsOf(s);
    const db = h.database.db;
    const now = new Date('2026-11-24T09:00:00Z');
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['deals_status_check', () => db.execute(sql`update deals set status = 'closed' where id = ${deal.id}`)],
      ['deals_lost_reason_check', () => db.execute(sql`update deals set lost_reason = 'weather' where id = ${deal.id}`)],
      ['members_role_check', () => db.execute(sql`update members set role = 'owner' where id = ${member.id}`)],
      ['companies_lifecycle_check', () => db.execute(sql`update companies set lifecycle = 'vip' where workspace_id = ${ws.id}`)],
      ['activities_type_check', () => db.insert(activities).values({ workspaceId: ws.id, type: 'fax' as 'call', occurredAt: now, loggedBy: member.id, createdAt: now })],
      ['activities_direction_check', () => db.insert(activities).values({ workspaceId: ws.id, type: 'call', direction: 'sideways' as 'inbound', occurredAt: now, loggedBy: member.id, createdAt: now })],
    ];
    for (const [constraint, run] of cases) {
      const refused = await failure(run);
      expect(refused.code, constraint).toBe('23514');
      expect(refused.message, constraint).toContain(constraint);
    }
    // Null stays allowed where the column is nullable.
    await db.execute(sql`update deals set lost_reason = null where id = ${deal.id}`);
  });
});

/** A migrations folder holding only the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'relance-migrations-'));
  mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const file of readdirSync(migrationsFolder)) if (file.endsWith('.sql') && journal.entries.some((e) => `${e.tag}.sql` === file)) copyFileSync(path.join(migrationsFolder, file), path.join(dir, file));
  return dir;
}

/** A brand-new database (PGlite in memory, or a throw-away database on the PostgreSQL server). */
async function freshDatabase(): Promise<{ exec(query: string): Promise<Array<Record<string, unknown>>>; migrate(folder: string): Promise<void>; close(): Promise<void> }> {
  const target = testDatabaseTarget();
  if (target === 'memory://') {
    const client = new PGlite();
    const db = drizzlePglite(client);
    return {
      exec: async (query) => (await client.query<Record<string, unknown>>(query)).rows,
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }
  const name = `relance_mig_${process.pid}_${Date.now()}`;
  const admin = postgres(target, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(target);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const db = drizzlePostgres(client);
  return {
    exec: async (query) => [...(await client.unsafe(query))] as Array<Record<string, unknown>>,
    migrate: (folder) => migratePostgres(db, { migrationsFolder: folder }),
    close: async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name}`);
      await admin.end({ timeout: 5 });
    },
  };
}

describe('migration 0011_deal_integrity', () => {
  it('refuses existing rows that break the new rules, naming table, column and count, and changes nothing until they are fixed', async () => {
    const before = migrationsBefore('0011_deal_integrity');
    const db = await freshDatabase();
    try {
      await db.migrate(before);
      const ids = async (query: string): Promise<number> => Number((await db.exec(query))[0]!['id']);
      const a = await ids(`insert into workspaces (platform, external_id, name, created_at) values ('console', 'a', 'A', now()) returning id`);
      const b = await ids(`insert into workspaces (platform, external_id, name, created_at) values ('console', 'b', 'B', now()) returning id`);
      const owner = await ids(`insert into members (workspace_id, platform_user_id, display_name, created_at) values (${b}, 'U1', 'Bob', now()) returning id`);
      await db.exec(`insert into stages (workspace_id, key, name_fr, name_en, position, probability, outcome) values (${b}, 'lead', 'Piste', 'Lead', 1, 10, 'open')`);
      const acme = await ids(`insert into companies (workspace_id, name, name_key, created_at) values (${a}, 'Acme', 'acme', now()) returning id`);
      const stray = await ids(`insert into deals (workspace_id, name, name_key, company_id, owner_id, stage, probability, created_at, updated_at) values (${b}, 'Stray', 'stray', ${acme}, ${owner}, 'lead', 10, now(), now()) returning id`);
      await db.exec(`insert into activities (workspace_id, type, occurred_at, logged_by, created_at) values (${b}, 'fax', now(), ${owner}, now())`);

      const refused = await failure(() => db.migrate(migrationsFolder));
      expect(refused.message).toContain('migration 0011_deal_integrity: existing rows break the new constraints, nothing was changed');
      expect(refused.message).toContain('deals.company_id: 1 row(s) point to a row of companies in another workspace');
      expect(refused.message).toContain('activities.type: 1 row(s) with a value outside (call, email, meeting, demo, note)');
      expect(await db.exec(`select conname from pg_constraint where conname in ('deals_company_fk', 'deals_company_id_companies_id_fk') order by conname`)).toEqual([{ conname: 'deals_company_id_companies_id_fk' }]);

      await db.exec(`update deals set company_id = null where id = ${stray}`);
      await db.exec(`update activities set type = 'note' where type = 'fax'`);
      await db.migrate(migrationsFolder);
      expect(await db.exec(`select conname from pg_constraint where conname in ('deals_company_fk', 'deals_company_id_companies_id_fk') order by conname`)).toEqual([{ conname: 'deals_company_fk' }]);
    } finally {
      await db.close();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
