// Loads test/fixtures/kpi/kpi-dataset.json into a fresh workspace through the real schema, so
// KPI tests compare SQL results with values computed by hand.
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { activities, companies, contacts, customerEvents, deals, dealStageHistory, members, objectives, spendEntries, surveyResponses, workspaces } from '../../src/db/schema.ts';
import { normalizeKey } from '../../src/core/parse/tokenize.parser.ts';
import type { Harness, Session } from './chat-harness.ts';

type Row = Record<string, unknown>;
export interface KpiDataset {
  now: string;
  members: Array<{ key: string; name: string; role: 'rep' | 'manager' | 'admin'; team?: string }>;
  companies: Array<{ key: string; name: string; lifecycle: 'client' | 'lost' }>;
  contacts: Array<{ key: string; name: string; company: string }>;
  deals: Row[];
  history: Array<{ deal: string; from: string | null; to: string; at: string }>;
  activities: Row[];
  customerEvents: Array<{ company: string; kind: 'acquired' | 'churned'; deal?: string; at: string }>;
  spend: Array<{ category: 'sales' | 'marketing'; from: string; to: string; amount: number }>;
  surveys: Array<{ kind: 'nps' | 'csat'; score: number; company: string; at: string }>;
  objectives: Array<{ metric: 'revenue' | 'deals_won' | 'activities'; member: string; from: string; to: string; target: number }>;
  expected: {
    november: { all: Record<string, number | null>; rita: Record<string, number>; sam: Record<string, number>; team_nord: Record<string, number>; revenue_per_rep: Array<[string, number, number]> };
    october: { all: Record<string, number | null> };
  };
}

export const kpiDataset = (): KpiDataset => JSON.parse(readFileSync(new URL('../fixtures/kpi/kpi-dataset.json', import.meta.url), 'utf8')) as KpiDataset;

export interface LoadedDataset {
  data: KpiDataset;
  workspaceId: number;
  sessions: Record<string, Session>;
  memberIds: Record<string, number>;
}

export async function loadKpiDataset(h: Harness): Promise<LoadedDataset> {
  const data = kpiDataset();
  const sessions: Record<string, Session> = {};
  let first: Session | undefined;
  for (const m of data.members) {
    const options = { name: m.name, role: m.role, user: `U-${m.key}`, ...(m.team ? { team: m.team } : {}) };
    const session = first ? await first.as(options) : await h.session(options);
    first ??= session;
    sessions[m.key] = session;
  }
  const db = h.database.db;
  const [ws] = await db.select().from(workspaces).where(and(eq(workspaces.platform, 'console'), eq(workspaces.externalId, first!.workspace)));
  const workspaceId = ws!.id;
  const memberRows = await db.select().from(members).where(eq(members.workspaceId, workspaceId));
  const memberIds = Object.fromEntries(data.members.map((m) => [m.key, memberRows.find((r) => r.platformUserId === `U-${m.key}`)!.id]));
  // Records the dataset does not date were entered before its first deal (2026-09-15).
  const entered = new Date('2026-09-01T09:00:00Z');
  await db.transaction(async (tx) => {
    const companyIds: Record<string, number> = {};
    for (const c of data.companies) {
      const [row] = await tx.insert(companies).values({ workspaceId, name: c.name, nameKey: normalizeKey(c.name), lifecycle: c.lifecycle, createdAt: entered }).returning({ id: companies.id });
      companyIds[c.key] = row!.id;
    }
    const contactIds: Record<string, number> = {};
    for (const c of data.contacts) {
      const [row] = await tx.insert(contacts).values({ workspaceId, name: c.name, nameKey: normalizeKey(c.name), companyId: companyIds[c.company]!, createdAt: entered }).returning({ id: contacts.id });
      contactIds[c.key] = row!.id;
    }
    const dealIds: Record<string, number> = {};
    for (const d of data.deals) {
      const status = d['stage'] === 'won' ? 'won' : d['stage'] === 'lost' ? 'lost' : 'open';
      const [row] = await tx
        .insert(deals)
        .values({
          workspaceId,
          name: `Deal ${String(d['key'])}`,
          nameKey: normalizeKey(`Deal ${String(d['key'])}`),
          companyId: companyIds[String(d['company'])]!,
          contactId: contactIds[String(d['contact'])]!,
          ownerId: memberIds[String(d['owner'])]!,
          amountMinor: Number(d['amount']) * 100,
          currency: String(d['currency']),
          stage: String(d['stage']),
          status,
          probability: Number(d['probability']),
          expectedCloseDate: (d['expectedClose'] as string | undefined) ?? null,
          nextStepDue: (d['nextStepDue'] as string | undefined) ?? null,
          createdAt: new Date(String(d['created'])),
          updatedAt: new Date(String(d['won'] ?? d['lost'] ?? d['created'])),
          wonAt: d['won'] ? new Date(String(d['won'])) : null,
          lostAt: d['lost'] ? new Date(String(d['lost'])) : null,
          lostReason: (d['lostReason'] as 'price' | undefined) ?? null,
          lastActivityAt: new Date(String(d['created'])),
        })
        .returning({ id: deals.id });
      dealIds[String(d['key'])] = row!.id;
    }
    for (const e of data.history) {
      await tx.insert(dealStageHistory).values({ workspaceId, dealId: dealIds[e.deal]!, fromStage: e.from, toStage: e.to, changedBy: memberIds['ada']!, changedAt: new Date(e.at) });
    }
    for (const a of data.activities) {
      await tx.insert(activities).values({
        workspaceId,
        type: a['type'] as 'call',
        direction: (a['direction'] as 'outbound' | null) ?? null,
        outcome: (a['outcome'] as 'done' | null) ?? null,
        dealId: a['deal'] ? dealIds[String(a['deal'])]! : null,
        contactId: contactIds[String(a['contact'])]!,
        companyId: companyIds[data.contacts.find((c) => c.key === a['contact'])!.company]!,
        loggedBy: memberIds[String(a['by'])]!,
        occurredAt: new Date(String(a['at'])),
        createdAt: new Date(String(a['at'])),
      });
    }
    for (const e of data.customerEvents) {
      await tx.insert(customerEvents).values({ workspaceId, companyId: companyIds[e.company]!, kind: e.kind, dealId: e.deal ? dealIds[e.deal]! : null, occurredAt: new Date(e.at) });
    }
    for (const s of data.spend) {
      await tx.insert(spendEntries).values({ workspaceId, category: s.category, periodFrom: s.from, periodTo: s.to, amountMinor: s.amount * 100, createdAt: new Date(`${s.from}T00:00:00Z`) });
    }
    for (const s of data.surveys) {
      await tx.insert(surveyResponses).values({ workspaceId, kind: s.kind, score: s.score, companyId: companyIds[s.company]!, respondedAt: new Date(s.at), createdAt: new Date(s.at) });
    }
    for (const o of data.objectives) {
      const memberId = memberIds[o.member]!;
      await tx.insert(objectives).values({ workspaceId, metric: o.metric, subject: `member:${memberId}`, memberId, periodFrom: o.from, periodTo: o.to, target: o.metric === 'revenue' ? o.target * 100 : o.target, createdAt: entered });
    }
  });
  return { data, workspaceId, sessions, memberIds };
}
