// Realistic demo data for a workspace: a small sales team, companies with contacts, deals
// spread over the last year and the pipeline, their stage history, and activities on them.
// Deterministic (seeded PRNG) so benchmark runs compare like with like.
//
// Rows are generated here, then sent in bulk: one statement per 25,000 rows, the rows passed as
// a single JSON parameter and expanded by `json_populate_recordset` (the same on PGlite and on
// PostgreSQL). Deals, history and activities are inserted in time order, as a live workspace
// writes them. 100,000 deals and 1,000,000 activities take 1.5 to 2 minutes on PostgreSQL and about
// 2.5 minutes on PGlite on a 2-core machine (over 3.5 minutes on PostgreSQL with 1,000-row inserts).
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';
import { activities, activityTypeValues, companies, contacts, customerEvents, dealStageHistory, deals, members, outcomeValues, qualifications, spendEntries, surveyResponses } from '../db/schema.ts';
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import { frameworks, scoreAnswers, type AnswerValue } from '../qualification/frameworks.ts';
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
const LOST_REASONS = ['price', 'timing', 'competitor', 'no_need', 'no_budget', 'no_decision'] as const;
const NEXT_STEPS = ['Relancer pour le devis', 'Planifier la démo', 'Envoyer la proposition', 'Appeler le décideur'];
const TEAM = [
  { id: 'seed-manager', name: 'Claire Manager', role: 'manager' as const },
  { id: 'seed-rep-1', name: 'Julien Vendeur', role: 'rep' as const },
  { id: 'seed-rep-2', name: 'Sophie Vendeuse', role: 'rep' as const },
  { id: 'seed-rep-3', name: 'Hugo Commercial', role: 'rep' as const },
  { id: 'seed-rep-4', name: 'Léa Commerciale', role: 'rep' as const },
];
/** Rows per INSERT statement (one JSON parameter of a few megabytes). */
const CHUNK = 25_000;
const DAY = 86_400_000;
/** Deals are created over this many days before `now`. */
const HISTORY_DAYS = 365;
/** Activity on a deal stops this long after its creation (older open deals go stale). */
const ACTIVE_DAYS = 200;

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

/** A row keyed by column name, as `json_populate_recordset` reads it (jsonb columns take objects). */
type Row = Record<string, unknown>;
const byColumn = (column: string) => (a: Row, b: Row): number => (String(a[column]) < String(b[column]) ? -1 : String(a[column]) > String(b[column]) ? 1 : 0);

async function rowsOf<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/**
 * INSERT of `rows` (objects keyed by column name; a missing key is NULL, so column defaults do
 * not apply: give every NOT NULL column) in chunks, each chunk one JSON parameter expanded by
 * `json_populate_recordset`. Returns the `returning` columns of every inserted row, in order.
 */
async function bulkInsert<T = never>(tx: Executor, table: string, columns: string[], rows: Row[], returning?: string[]): Promise<T[]> {
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  const back = returning ? sql.raw(` returning ${returning.map((c) => `"${c}"`).join(', ')}`) : sql``;
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    const query = sql`insert into ${sql.identifier(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.identifier(table)}, ${json}::json)${back}`;
    if (returning) out.push(...(await rowsOf<T>(tx, query)));
    else await tx.execute(query);
  }
  return out;
}

const iso = (time: number): string => new Date(time).toISOString();
const isoDate = (time: number): string => iso(time).slice(0, 10);

export async function seedWorkspace(db: Database, workspaceId: number, options: SeedOptions): Promise<{ deals: number; activities: number; companies: number; members: number }> {
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = options.now.getTime();

  return db.transaction(async (tx) => {
    await tx
      .insert(members)
      .values(TEAM.map((m) => ({ workspaceId, platformUserId: m.id, displayName: m.name, role: m.role, team: 'Paris', createdAt: options.now })))
      .onConflictDoNothing();
    const team = await tx.select({ id: members.id }).from(members).where(eq(members.workspaceId, workspaceId));
    const ownerIds = team.map((m) => m.id);

    // Companies, each with two contacts.
    const companyCount = Math.max(1, Math.ceil(options.deals / 4));
    const existing = new Set((await tx.select({ key: companies.nameKey }).from(companies).where(eq(companies.workspaceId, workspaceId))).map((c) => c.key));
    const companyRows: Row[] = [];
    for (let i = 0; companyRows.length < companyCount; i += 1) {
      const name = `${pick(PREFIXES)} ${pick(SUFFIXES)}${i >= (PREFIXES.length * SUFFIXES.length) / 2 ? ` ${i}` : ''}`;
      const nameKey = normalizeKey(name);
      if (existing.has(nameKey)) continue;
      existing.add(nameKey);
      companyRows.push({ workspace_id: workspaceId, name, name_key: nameKey, lifecycle: 'prospect', created_at: iso(now - random() * (HISTORY_DAYS + 35) * DAY) });
    }
    const insertedCompanies = await bulkInsert<{ id: number; name: string }>(tx, 'companies', ['workspace_id', 'name', 'name_key', 'lifecycle', 'created_at'], companyRows, ['id', 'name']);
    const companyIds = insertedCompanies.map((c) => c.id);
    const companyName = new Map(insertedCompanies.map((c) => [c.id, c.name]));

    const contactRows: Row[] = companyIds.flatMap((companyId) =>
      [0, 1].map(() => {
        const name = `${pick(FIRST)} ${pick(LAST)}`;
        return { workspace_id: workspaceId, company_id: companyId, name, name_key: normalizeKey(name), lifecycle: 'prospect', opt_out_phone: random() < 0.05, opt_out_email: false, created_at: iso(now) };
      }),
    );
    const insertedContacts = await bulkInsert<{ id: number; company_id: number | null }>(
      tx,
      'contacts',
      ['workspace_id', 'company_id', 'name', 'name_key', 'lifecycle', 'opt_out_phone', 'opt_out_email', 'created_at'],
      contactRows,
      ['id', 'company_id'],
    );
    const contactsByCompany = new Map<number, number[]>();
    for (const c of insertedContacts) if (c.company_id !== null) contactsByCompany.set(c.company_id, [...(contactsByCompany.get(c.company_id) ?? []), c.id]);

    // Deals created over the last year; most open, in early stages; about a quarter closed,
    // 15 to 105 days after creation (sooner for recent deals: never after `now`).
    const pipeline = await listStages(tx, workspaceId);
    const openStages = pipeline.filter((s) => s.outcome === 'open').sort((a, b) => a.position - b.position);
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
    interface SeedDeal {
      row: Row;
      ownerId: number;
      companyId: number;
      contactId: number | null;
      createdAt: number;
      /** When it was won or lost; undefined while open. */
      closedAt: number | undefined;
      stage: (typeof pipeline)[number];
    }
    const seedDeals: SeedDeal[] = [];
    for (let i = 0; i < options.deals; i += 1) {
      const companyId = pick(companyIds);
      const stage = pickStage();
      const createdAt = now - random() * HISTORY_DAYS * DAY;
      const closed = stage.outcome !== 'open';
      const cycle = (15 + random() * 90) * DAY;
      const closedAt = closed ? (createdAt + cycle <= now ? createdAt + cycle : createdAt + random() * (now - createdAt)) : undefined;
      const name = `${companyName.get(companyId) ?? 'Client'} — ${pick(DEAL_KINDS)}`;
      const contactId = pick(contactsByCompany.get(companyId) ?? [null]);
      const ownerId = pick(ownerIds);
      const expected = closedAt !== undefined ? isoDate(closedAt) : isoDate(now + (random() * 120 - 20) * DAY);
      const lostReason = stage.outcome === 'lost' ? pick(LOST_REASONS) : null;
      seedDeals.push({
        ownerId,
        companyId,
        contactId,
        createdAt,
        closedAt,
        stage,
        row: {
          workspace_id: workspaceId,
          name,
          name_key: normalizeKey(name),
          company_id: companyId,
          contact_id: contactId,
          owner_id: ownerId,
          amount_minor: Math.round((2 + random() * 148) * 1000) * 100,
          currency: 'EUR',
          stage: stage.key,
          status: stage.outcome,
          probability: stage.probability,
          expected_close_date: expected,
          next_step: closed ? null : pick(NEXT_STEPS),
          next_step_due: closed ? null : isoDate(now + (random() * 30 - 10) * DAY),
          created_at: iso(createdAt),
          updated_at: iso(closedAt ?? createdAt),
          won_at: stage.outcome === 'won' ? iso(closedAt!) : null,
          lost_at: stage.outcome === 'lost' ? iso(closedAt!) : null,
          lost_reason: lostReason,
        },
      });
    }
    // In creation order, as the bot would have written them.
    seedDeals.sort((a, b) => a.createdAt - b.createdAt);
    const dealColumns = ['workspace_id', 'name', 'name_key', 'company_id', 'contact_id', 'owner_id', 'amount_minor', 'currency', 'stage', 'status', 'probability', 'expected_close_date', 'next_step', 'next_step_due', 'created_at', 'updated_at', 'won_at', 'lost_at', 'lost_reason'];
    const dealIds = await bulkInsert<{ id: number }>(tx, 'deals', dealColumns, seedDeals.map((d) => d.row), ['id']);
    if (dealIds.length !== seedDeals.length) throw new Error(`seed: ${seedDeals.length} deals sent, ${dealIds.length} inserted`);
    const ids = dealIds.map((r) => Number(r.id));

    // Stage history: created as a lead, then forward through the open stages (some skipped, as
    // reps do), then won or lost; changes spread between creation and close (or now). Most deals
    // that left the lead stage were qualified (BANT) on the way.
    const historyRows: Row[] = [];
    const qualificationRows: Row[] = [];
    const bant = frameworks.bant;
    const ANSWERS: AnswerValue[] = ['confirmed', 'confirmed', 'partial', 'unknown', 'negative'];
    for (const [i, d] of seedDeals.entries()) {
      const dealId = ids[i]!;
      const steps: string[] = [];
      const target = d.stage.outcome === 'open' ? d.stage.position : d.stage.outcome === 'won' ? openStages.length : 1 + Math.floor(random() * openStages.length);
      for (const s of openStages) if (s.position > 1 && s.position <= target && (s.position === target || random() < 0.7)) steps.push(s.key);
      if (d.stage.outcome !== 'open') steps.push(d.stage.key);
      const end = d.closedAt ?? Math.min(now, d.createdAt + ACTIVE_DAYS * DAY * random());
      historyRows.push({ workspace_id: workspaceId, deal_id: dealId, from_stage: null, to_stage: openStages[0]?.key ?? 'lead', changed_by: d.ownerId, changed_at: iso(d.createdAt) });
      let from = openStages[0]?.key ?? 'lead';
      for (const [k, to] of steps.entries()) {
        // The last change is the close itself; earlier ones fall evenly before it.
        const at = d.closedAt !== undefined && k === steps.length - 1 ? d.closedAt : d.createdAt + ((end - d.createdAt) * (k + 1)) / (steps.length + (d.closedAt !== undefined ? 0 : 1));
        historyRows.push({ workspace_id: workspaceId, deal_id: dealId, from_stage: from, to_stage: to, changed_by: d.ownerId, changed_at: iso(at) });
        if (k === 0 && random() < 0.6) {
          const answers = Object.fromEntries(bant.criteria.map((criterion) => [criterion.key, ANSWERS[Math.floor(random() * (d.stage.outcome === 'lost' ? 5 : 4))]!]));
          const { score, verdict } = scoreAnswers(bant, answers);
          qualificationRows.push({ workspace_id: workspaceId, deal_id: dealId, framework: bant.key, answers, score, verdict, qualified_by: d.ownerId, created_at: iso(d.createdAt + (at - d.createdAt) * random()) });
        }
        from = to;
      }
    }
    historyRows.sort(byColumn('changed_at'));
    await bulkInsert(tx, 'deal_stage_history', ['workspace_id', 'deal_id', 'from_stage', 'to_stage', 'changed_by', 'changed_at'], historyRows);
    qualificationRows.sort(byColumn('created_at'));
    await bulkInsert(tx, 'qualifications', ['workspace_id', 'deal_id', 'framework', 'answers', 'score', 'verdict', 'qualified_by', 'created_at'], qualificationRows);

    // Activities on deals, while they are worked: between creation and close (or now), within
    // the deal's first ACTIVE_DAYS days. A deal gets activities in proportion to the time it is
    // worked (a steady pace, not a burst on the newest deals). Inserted in time order, as logged.
    const activeEnd = seedDeals.map((d) => Math.min(d.closedAt ?? now, d.createdAt + ACTIVE_DAYS * DAY));
    const cumulative = new Float64Array(seedDeals.length);
    let worked = 0;
    for (const [i, d] of seedDeals.entries()) cumulative[i] = worked += Math.max(0, activeEnd[i]! - d.createdAt);
    const pickWorked = (): number => {
      const r = random() * worked;
      let [lo, hi] = [0, seedDeals.length - 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! <= r) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const activityRows: Array<{ at: number; row: Row }> = [];
    for (let i = 0; i < options.activities && seedDeals.length > 0; i += 1) {
      const index = worked > 0 ? pickWorked() : Math.floor(random() * seedDeals.length);
      const deal = seedDeals[index]!;
      const type = pick(activityTypeValues);
      const at = deal.createdAt + random() * (activeEnd[index]! - deal.createdAt);
      activityRows.push({
        at,
        row: {
          workspace_id: workspaceId,
          type,
          direction: type === 'note' ? null : random() < 0.7 ? 'outbound' : 'inbound',
          outcome: type === 'note' ? null : pick(outcomeValues),
          duration_minutes: type === 'call' ? 5 + Math.floor(random() * 40) : type === 'meeting' || type === 'demo' ? 30 + Math.floor(random() * 60) : null,
          notes: random() < 0.6 ? pick(NOTES) : null,
          deal_id: ids[index]!,
          company_id: deal.companyId,
          contact_id: deal.contactId,
          occurred_at: iso(at),
          logged_by: deal.ownerId,
          created_at: iso(at),
        },
      });
    }
    activityRows.sort((a, b) => a.at - b.at);
    await bulkInsert(
      tx,
      'activities',
      ['workspace_id', 'type', 'direction', 'outcome', 'duration_minutes', 'notes', 'deal_id', 'company_id', 'contact_id', 'occurred_at', 'logged_by', 'created_at'],
      activityRows.map((a) => a.row),
    );
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
      spendRows.push({ workspaceId, category: 'marketing', periodFrom, periodTo, amountMinor: Math.round(8000 + random() * 6000) * 100, createdAt: options.now });
      spendRows.push({ workspaceId, category: 'sales', periodFrom, periodTo, amountMinor: Math.round(4000 + random() * 3000) * 100, createdAt: options.now });
      for (let i = 0; i < 20; i += 1) {
        const companyId = pick(companyIds);
        const respondedAt = new Date(Math.min(now, start.getTime() + random() * 28 * DAY));
        surveyRows.push({ workspaceId, kind: 'nps', score: Math.min(10, Math.floor(random() * 5) + Math.floor(random() * 7)), companyId, respondedAt, createdAt: respondedAt });
        surveyRows.push({ workspaceId, kind: 'csat', score: 1 + Math.min(4, Math.floor(random() * 3) + Math.floor(random() * 3)), companyId, respondedAt, createdAt: respondedAt });
      }
    }
    await tx.insert(spendEntries).values(spendRows);
    await tx.insert(surveyResponses).values(surveyRows);
    await tx.execute(sql`analyze ${dealStageHistory}`);
    await tx.execute(sql`analyze ${customerEvents}`);
    await tx.execute(sql`analyze ${companies}`);
    await tx.execute(sql`analyze ${contacts}`);
    await tx.execute(sql`analyze ${qualifications}`);
    return { deals: seedDeals.length, activities: activityRows.length, companies: companyRows.length, members: TEAM.length };
  });
}
