// Realistic demo data for a workspace: a small sales team, companies with contacts, deals
// spread over the pipeline and a year of activities. Deterministic (seeded PRNG) so benchmark
// runs compare like with like. Inserts go in chunks: one statement per 1,000 rows.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { activities, activityTypeValues, companies, contacts, customerEvents, dealStageHistory, deals, members, outcomeValues, spendEntries, surveyResponses } from '../db/schema.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { listStages } from './workspace.service.ts';

export interface SeedOptions {
  deals: number;
  activities: number;
  now: Date;
  /** PRNG seed. */
  seed?: number;
}

const PREFIXES = ['Acme', 'Globex', 'Initech', 'Soylent', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Wonka', 'Dupuis', 'Martel', 'Lefèvre', 'Garnier', 'Bonnet', 'Rousseau', 'Fontaine', 'Chevalier', 'Mercier', 'Blanc', 'Lambert', 'Roux', 'Vincent'];
const SUFFIXES = ['Industrie', 'Conseil', 'Logistique', 'Santé', 'Énergie', 'Digital', 'Systems', 'Group', 'Services', 'Distribution', 'Immobilier', 'Assurances', 'Médical', 'Transports', 'Bâtiment', 'Software', 'Retail', 'Foods', 'Labs', 'Partners'];
const FIRST = ['Marie', 'Julien', 'Sophie', 'Thomas', 'Camille', 'Nicolas', 'Léa', 'Antoine', 'Chloé', 'Hugo', 'Emma', 'Lucas', 'Sarah', 'Paul', 'Inès', 'Maxime', 'Laura', 'Alexandre', 'Manon', 'Louis'];
const LAST = ['Dupont', 'Martin', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Fournier', 'Girard', 'Morel', 'André', 'Mercier', 'Blanc'];
const DEAL_KINDS = ['renouvellement', 'extension', 'licences', 'projet pilote', 'migration', 'support premium', 'formation', 'déploiement', 'audit', 'abonnement annuel'];
const NOTES = ['Budget confirmé pour le T1', 'Demande une remise de 10 %', 'Décideur absent, rappeler', 'Très intéressé par la démo', 'Compare avec un concurrent', 'Souhaite un devis détaillé', 'Réunion avec la DSI prévue', 'Pas de réponse, message laissé', 'Contrat en relecture juridique', 'Besoin confirmé, timing flou'];
const TEAM = [
  { id: 'seed-manager', name: 'Claire Manager', role: 'manager' as const },
  { id: 'seed-rep-1', name: 'Julien Vendeur', role: 'rep' as const },
  { id: 'seed-rep-2', name: 'Sophie Vendeuse', role: 'rep' as const },
  { id: 'seed-rep-3', name: 'Hugo Commercial', role: 'rep' as const },
  { id: 'seed-rep-4', name: 'Léa Commerciale', role: 'rep' as const },
];
const CHUNK = 1000;
const DAY = 86_400_000;

function prng(seed: number): () => number {
  // mulberry32: tiny, fast and good enough for fake data.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function seedWorkspace(db: Database, workspaceId: number, options: SeedOptions): Promise<{ deals: number; activities: number; companies: number; members: number }> {
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = options.now.getTime();

  return db.transaction(async (tx) => {
    await tx
      .insert(members)
      .values(TEAM.map((m) => ({ workspaceId, platformUserId: m.id, displayName: m.name, role: m.role, team: 'Paris' })))
      .onConflictDoNothing();
    const team = await tx.select({ id: members.id }).from(members).where(eq(members.workspaceId, workspaceId));
    const ownerIds = team.map((m) => m.id);

    const companyCount = Math.max(1, Math.ceil(options.deals / 4));
    const existing = new Set((await tx.select({ key: companies.nameKey }).from(companies).where(eq(companies.workspaceId, workspaceId))).map((c) => c.key));
    const companyRows: Array<typeof companies.$inferInsert> = [];
    for (let i = 0; companyRows.length < companyCount; i += 1) {
      const name = `${pick(PREFIXES)} ${pick(SUFFIXES)}${i >= PREFIXES.length * SUFFIXES.length / 2 ? ` ${i}` : ''}`;
      const nameKey = normalizeKey(name);
      if (existing.has(nameKey)) continue;
      existing.add(nameKey);
      companyRows.push({ workspaceId, name, nameKey, lifecycle: 'prospect', createdAt: new Date(now - random() * 400 * DAY) });
    }
    const companyIds: number[] = [];
    await inChunks(companyRows, async (chunk) => companyIds.push(...(await tx.insert(companies).values(chunk).returning({ id: companies.id })).map((r) => r.id)));

    const contactRows = companyIds.flatMap((companyId) =>
      [0, 1].map(() => {
        const name = `${pick(FIRST)} ${pick(LAST)}`;
        return { workspaceId, companyId, name, nameKey: normalizeKey(name), lifecycle: 'prospect' as const, optOutPhone: random() < 0.05 };
      }),
    );
    const contactIds: Array<{ id: number; companyId: number | null }> = [];
    await inChunks(contactRows, async (chunk) => contactIds.push(...(await tx.insert(contacts).values(chunk).returning({ id: contacts.id, companyId: contacts.companyId }))));
    const contactsByCompany = new Map<number, number[]>();
    for (const c of contactIds) if (c.companyId !== null) contactsByCompany.set(c.companyId, [...(contactsByCompany.get(c.companyId) ?? []), c.id]);

    const pipeline = await listStages(tx, workspaceId);
    // Most deals are open, in early stages; about a quarter are closed.
    const weights = pipeline.map((s) => (s.outcome === 'won' ? 12 : s.outcome === 'lost' ? 14 : Math.max(4, 20 - s.position * 2)));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const pickStage = () => {
      let r = random() * totalWeight;
      for (const [i, w] of weights.entries()) {
        r -= w;
        if (r <= 0) return pipeline[i]!;
      }
      return pipeline[0]!;
    };
    const dealRows: Array<typeof deals.$inferInsert> = [];
    for (let i = 0; i < options.deals; i += 1) {
      const companyId = pick(companyIds);
      const stage = pickStage();
      const createdAt = new Date(now - (10 + random() * 360) * DAY);
      const closed = stage.outcome !== 'open';
      const closedAt = new Date(Math.min(now, createdAt.getTime() + (15 + random() * 90) * DAY));
      const name = `${companyRows[companyIds.indexOf(companyId)]?.name ?? 'Client'} — ${pick(DEAL_KINDS)}`;
      const expected = new Date(closed ? closedAt.getTime() : now + (random() * 120 - 20) * DAY).toISOString().slice(0, 10);
      dealRows.push({
        workspaceId,
        name,
        nameKey: normalizeKey(name),
        companyId,
        contactId: pick(contactsByCompany.get(companyId) ?? [null]),
        ownerId: pick(ownerIds),
        amountMinor: Math.round((2 + random() * 148) * 1000) * 100,
        currency: 'EUR',
        stage: stage.key,
        status: stage.outcome,
        probability: stage.probability,
        expectedCloseDate: expected,
        nextStep: closed ? null : pick(['Relancer pour le devis', 'Planifier la démo', 'Envoyer la proposition', 'Appeler le décideur']),
        nextStepDue: closed ? null : new Date(now + (random() * 30 - 10) * DAY).toISOString().slice(0, 10),
        createdAt,
        updatedAt: closed ? closedAt : createdAt,
        wonAt: stage.outcome === 'won' ? closedAt : null,
        lostAt: stage.outcome === 'lost' ? closedAt : null,
        lostReason: stage.outcome === 'lost' ? pick(['price', 'timing', 'competitor', 'no_need', 'no_budget', 'no_decision'] as const) : null,
      });
    }
    const dealIds: Array<{ id: number; ownerId: number; companyId: number | null; contactId: number | null; createdAt: Date; stage: string }> = [];
    await inChunks(dealRows, async (chunk) =>
      dealIds.push(
        ...(await tx
          .insert(deals)
          .values(chunk)
          .returning({ id: deals.id, ownerId: deals.ownerId, companyId: deals.companyId, contactId: deals.contactId, createdAt: deals.createdAt, stage: deals.stage })),
      ),
    );
    const historyRows = dealIds.flatMap((d) => {
      const rows: Array<typeof dealStageHistory.$inferInsert> = [{ workspaceId, dealId: d.id, fromStage: null, toStage: 'lead', changedBy: d.ownerId, changedAt: d.createdAt }];
      if (d.stage !== 'lead') rows.push({ workspaceId, dealId: d.id, fromStage: 'lead', toStage: d.stage, changedBy: d.ownerId, changedAt: new Date(d.createdAt.getTime() + 7 * DAY) });
      return rows;
    });
    await inChunks(historyRows, (chunk) => tx.insert(dealStageHistory).values(chunk));

    const activityRows: Array<typeof activities.$inferInsert> = [];
    for (let i = 0; i < options.activities && dealIds.length > 0; i += 1) {
      const deal = pick(dealIds);
      const type = pick(activityTypeValues);
      const occurredAt = new Date(Math.min(now, deal.createdAt.getTime() + random() * 200 * DAY));
      activityRows.push({
        workspaceId,
        type,
        direction: type === 'note' ? null : random() < 0.7 ? 'outbound' : 'inbound',
        outcome: type === 'note' ? null : pick(outcomeValues),
        durationMinutes: type === 'call' ? 5 + Math.floor(random() * 40) : type === 'meeting' || type === 'demo' ? 30 + Math.floor(random() * 60) : null,
        notes: random() < 0.6 ? pick(NOTES) : null,
        dealId: deal.id,
        companyId: deal.companyId,
        contactId: deal.contactId,
        occurredAt,
        loggedBy: deal.ownerId,
      });
    }
    await inChunks(activityRows, (chunk) => tx.insert(activities).values(chunk));
    // Fresh statistics first: without them the planner believes the workspace is empty and
    // runs the aggregate once per deal (84 s instead of 0.6 s on PostgreSQL for 10k deals).
    await tx.execute(sql`analyze ${deals}`);
    await tx.execute(sql`analyze ${activities}`);
    // Denormalised "last touched" time, in one statement.
    await tx.execute(sql`
      update ${deals} d set last_activity_at = a.last
      from (select deal_id, max(occurred_at) as last from ${activities} where workspace_id = ${workspaceId} group by deal_id) a
      where d.id = a.deal_id and d.workspace_id = ${workspaceId}`);
    // Customer history: a company becomes a customer with its first won deal; one in twelve left
    // four months later (so retention and churn have something to measure).
    await tx.execute(sql`
      insert into ${customerEvents} (workspace_id, company_id, kind, deal_id, occurred_at)
      select distinct on (company_id) workspace_id, company_id, 'acquired', id, won_at
      from ${deals} where workspace_id = ${workspaceId} and status = 'won' and company_id is not null
      order by company_id, won_at`);
    await tx.execute(sql`
      insert into ${customerEvents} (workspace_id, company_id, kind, reason, occurred_at)
      select workspace_id, company_id, 'churned', 'seed', occurred_at + interval '120 days'
      from ${customerEvents} where workspace_id = ${workspaceId} and kind = 'acquired' and company_id % 12 = 0
        and occurred_at + interval '120 days' < ${new Date(now).toISOString()}::timestamptz`);
    // A year of monthly marketing and sales spend, and survey answers, for CAC, ROI, NPS, CSAT.
    const spendRows: Array<typeof spendEntries.$inferInsert> = [];
    const surveyRows: Array<typeof surveyResponses.$inferInsert> = [];
    for (let month = 0; month < 12; month += 1) {
      const start = new Date(now);
      start.setUTCDate(1);
      start.setUTCMonth(start.getUTCMonth() - month);
      const end = new Date(start);
      end.setUTCMonth(end.getUTCMonth() + 1);
      const [periodFrom, periodTo] = [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)];
      spendRows.push({ workspaceId, category: 'marketing', periodFrom, periodTo, amountMinor: Math.round(8000 + random() * 6000) * 100 });
      spendRows.push({ workspaceId, category: 'sales', periodFrom, periodTo, amountMinor: Math.round(4000 + random() * 3000) * 100 });
      for (let i = 0; i < 20; i += 1) {
        const companyId = pick(companyIds);
        const respondedAt = new Date(Math.min(now, start.getTime() + random() * 28 * DAY));
        surveyRows.push({ workspaceId, kind: 'nps', score: Math.min(10, Math.floor(random() * 5) + Math.floor(random() * 7)), companyId, respondedAt });
        surveyRows.push({ workspaceId, kind: 'csat', score: 1 + Math.min(4, Math.floor(random() * 3) + Math.floor(random() * 3)), companyId, respondedAt });
      }
    }
    await tx.insert(spendEntries).values(spendRows);
    await tx.insert(surveyResponses).values(surveyRows);
    return { deals: dealRows.length, activities: activityRows.length, companies: companyRows.length, members: TEAM.length };
  });
}
