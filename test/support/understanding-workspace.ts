// Loads the plain-language fixture workspace (test/fixtures/understanding/workspace.json) into
// a real database through the services, so the rules can be read against names and ids as the
// bot sees them (loadVocabulary), and the benchmark can grow it to thousands of deals.
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { deals } from '../../src/db/schema.ts';
import type { MemberRow, WorkspaceRow } from '../../src/core/context.ts';
import { createDeal } from '../../src/services/deal.service.ts';
import { createCompany, createContact } from '../../src/services/directory.service.ts';
import { ensureMember, ensureWorkspace, listStages, setMember } from '../../src/services/workspace.service.ts';
import { fixtureWorkspace } from './understanding-fixture.ts';

export interface LoadedWorkspace {
  workspace: WorkspaceRow;
  speaker: MemberRow;
  members: Map<string, MemberRow>;
}

export async function loadFixtureWorkspace(database: DatabaseHandle, externalId: string): Promise<LoadedWorkspace> {
  const fixture = fixtureWorkspace();
  const now = new Date(fixture.now);
  return database.db.transaction(async (tx) => {
    const ref = { platform: 'console' as const, workspaceId: externalId, channelId: 'terminal', userId: fixture.speaker, isDM: true };
    const workspace = await ensureWorkspace(tx, ref, now, { timeZone: fixture.timeZone, currency: fixture.currency, language: 'fr' });
    const members = new Map<string, MemberRow>();
    for (const member of fixture.members) {
      const row = await ensureMember(tx, workspace, { id: member.id, displayName: member.name }, now);
      await setMember(tx, row, { role: member.role, ...(member.team ? { team: member.team } : {}) });
      members.set(member.id, { ...row, role: member.role, team: member.team ?? null });
    }
    const companyIds = new Map<string, number>();
    for (const name of fixture.companies) companyIds.set(name, (await createCompany(tx, workspace.id, name, now)).id);
    const contactIds = new Map<string, number>();
    for (const contact of fixture.contacts) contactIds.set(contact.name, (await createContact(tx, workspace.id, contact.name, companyIds.get(contact.company) ?? null, now)).id);
    const stages = await listStages(tx, workspace.id);
    for (const deal of fixture.deals) {
      const owner = members.get(deal.owner)!;
      const stage = stages.find((row) => row.key === deal.stage)!;
      const created = await createDeal(
        tx,
        owner,
        { name: deal.name, companyId: companyIds.get(deal.company) ?? null, contactId: deal.contact ? (contactIds.get(deal.contact) ?? null) : null, ownerId: owner.id, amount: { minor: deal.amount * 100, currency: 'EUR' }, currency: 'EUR', stage },
        now,
      );
      // A closed deal carries when it closed, as the commands write it.
      if (stage.outcome === 'won') await tx.update(deals).set({ wonAt: now }).where(eq(deals.id, created.id));
      if (stage.outcome === 'lost') await tx.update(deals).set({ lostAt: now, lostReason: 'price' }).where(eq(deals.id, created.id));
    }
    return { workspace, speaker: members.get(fixture.speaker)!, members };
  });
}
