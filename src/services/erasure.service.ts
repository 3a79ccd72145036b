// Right to erasure: a person's name, email and phone are removed from every text column of the
// workspace (cards, deal names, next steps, notes, qualification answers, pending dialogs…),
// however they were written (accents, case, hyphens, phone formats: see person-matcher.ts);
// their first name or surname alone goes too in records linked to them (their activities,
// their deals and those deals' activities and answers). Their own activities' notes are
// dropped, and their contact row is kept anonymised so deal amounts, dates and activity
// counts — the KPIs — stay right. A salted hash of each identifier goes to the suppression
// list. What might still name them elsewhere (a first name alone in an unrelated note, a
// near spelling) is returned for an admin to review, not erased blindly.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { contacts } from '../db/schema.ts';
import { applyErasurePlan, ERASED, planErasure, type CellChange, type ReviewItem } from './erasure-plan.service.ts';
import { suppress } from './suppression.service.ts';

export { ERASED };

export interface ErasureResult {
  /** Text cells rewritten, per table.column (the card and dropped notes included). */
  rewritten: Record<string, number>;
  /** Mentions replaced outside the contact's own card and notes. */
  mentions: number;
  notesDropped: number;
  /** Every cell changed, as the export listed it beforehand. */
  changes: CellChange[];
  /** Possible mentions left in place, for an admin to check. */
  review: ReviewItem[];
}

export async function eraseContact(tx: Executor, workspaceId: number, contactId: number, at: Date): Promise<ErasureResult> {
  const [person] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId))).for('update');
  if (!person) throw new Error(`contact ${contactId} not found`);
  await suppress(tx, workspaceId, { email: person.email, phone: person.phone, name: person.name }, at);
  const plan = await planErasure(tx, workspaceId, contactId, { lock: true });
  const rewritten = await applyErasurePlan(tx, workspaceId, plan);
  await tx.update(contacts).set({ optOutPhone: true, optOutEmail: true }).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  return {
    rewritten,
    mentions: plan.changes.filter((c) => c.reason === 'mention').length,
    notesDropped: plan.changes.filter((c) => c.reason === 'own_note').length,
    changes: plan.changes,
    review: plan.review,
  };
}
