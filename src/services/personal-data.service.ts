// Right of access: everything held about one person, as one JSON document — the contact card,
// their company, deals, activities (theirs and any whose notes name them), qualification
// answers of their deals, the audit entries about them, and every text the erasure would
// rewrite (the same plan `/contact forget` applies, so the two always agree). Possible mentions
// that are not certainly theirs (a first name alone in an unrelated note) come back apart, for
// the admin to check: they may be about someone else and must not be sent unread.
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { activities, auditLog, companies, contacts, deals, qualifications } from '../db/schema.ts';
import { planErasure, type ReviewItem } from './erasure-plan.service.ts';

export async function personalDataExport(tx: Executor, workspaceId: number, contactId: number, at: Date): Promise<{ document: Record<string, unknown>; review: ReviewItem[] }> {
  const [contact] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  if (!contact) throw new Error(`contact ${contactId} not found`);
  const [company] = contact.companyId === null ? [] : await tx.select().from(companies).where(and(eq(companies.workspaceId, workspaceId), eq(companies.id, contact.companyId)));
  const theirDeals = await tx.select().from(deals).where(and(eq(deals.workspaceId, workspaceId), eq(deals.contactId, contactId))).orderBy(deals.id);
  const plan = await planErasure(tx, workspaceId, contactId);
  const mentioned = [...new Set(plan.changes.filter((c) => c.table === 'activities').map((c) => Number(c.id)))];
  const theirActivities = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.workspaceId, workspaceId), or(eq(activities.contactId, contactId), mentioned.length > 0 ? inArray(activities.id, mentioned) : undefined)))
    .orderBy(activities.occurredAt);
  const dealIds = theirDeals.map((d) => d.id);
  const answers = dealIds.length === 0 ? [] : await tx.select().from(qualifications).where(and(eq(qualifications.workspaceId, workspaceId), inArray(qualifications.dealId, dealIds))).orderBy(qualifications.createdAt);
  const audit = await tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.targetType, 'contact'), eq(auditLog.targetId, String(contactId))))
    .orderBy(desc(auditLog.createdAt));
  const document = {
    exportedAt: at.toISOString(),
    contact: {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      title: contact.title,
      lifecycle: contact.lifecycle,
      optOutPhone: contact.optOutPhone,
      optOutEmail: contact.optOutEmail,
      createdAt: contact.createdAt,
    },
    company: company ? { id: company.id, name: company.name } : null,
    deals: theirDeals.map((d) => ({ id: d.id, name: d.name, stage: d.stage, amountMinor: d.amountMinor, currency: d.currency, createdAt: d.createdAt, wonAt: d.wonAt, lostAt: d.lostAt, nextStep: d.nextStep, nextStepDue: d.nextStepDue })),
    activities: theirActivities.map((a) => ({ id: a.id, type: a.type, direction: a.direction, outcome: a.outcome, occurredAt: a.occurredAt, dealId: a.dealId, notes: a.notes, about: a.contactId === contactId ? 'contact' : 'mentioned' })),
    qualifications: answers.map((q) => ({ dealId: q.dealId, framework: q.framework, answers: q.answers, verdict: q.verdict, createdAt: q.createdAt })),
    audit: audit.map((e) => ({ action: e.action, outcome: e.outcome, actor: e.actor, at: e.createdAt })),
    // Every text held about them, wherever it is: what an erasure would rewrite.
    texts: plan.changes.map((c) => ({ table: c.table, id: c.id, column: c.column, text: c.before })),
  };
  return { document, review: plan.review };
}
