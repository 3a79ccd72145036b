import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, Reply } from '../../src/core/types.ts';
import { activities, captures } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

// Logging a chat message (issue 18): the core answers a capture with the /log form prefilled
// from the text, keeps the message's source until the form comes back, and the activity shows
// where it came from in /deal show. The adapters' side is tested in test/adapters.

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

async function deliver(s: Session, event: Record<string, unknown>): Promise<Reply[]> {
  const replies: Reply[] = [];
  await h.bot.handle({ ref: s.ref, actor: s.actor, idempotencyKey: randomUUID(), ...event } as never, async (reply) => {
    replies.push(reply);
  });
  return replies;
}
const formOf = (replies: Reply[]) => replies.flatMap((reply) => reply.blocks).find((block): block is Extract<Block, { type: 'form' }> => block.type === 'form');
const source = { url: 'https://acme.slack.com/archives/C1/p1700000000000100', authorName: 'Marie Dubois', authorId: 'U999', channelId: 'C1', channelName: 'ventes' };

async function withAcmeDeal(): Promise<Session> {
  const s = await h.session({ role: 'manager' });
  await s.send('/deal new "Acme renewal" "Acme Corp" 30k');
  await s.click(1);
  return s;
}

describe('capturing a chat message', () => {
  it('opens the /log form prefilled from the text, the text as notes', async () => {
    const s = await withAcmeDeal();
    const form = formOf(await deliver(s, { kind: 'capture', text: 'Call with Acme Corp, they want a demo Thursday', source }));
    expect(form?.formId).toMatch(/^capture:/);
    const initial = Object.fromEntries(form!.fields.map((field) => [field.name, field.initial]));
    expect(initial['type']).toBe('call');
    expect(initial['company']).toBe('Acme Corp');
    expect(initial['notes']).toBe('Call with Acme Corp, they want a demo Thursday');
    // What matters first: a Discord modal shows five fields.
    expect(form!.fields.slice(0, 5).map((field) => field.name)).toEqual(['type', 'target', 'outcome', 'next', 'notes']);
  });

  it('names no deal the member may not see in the prefill', async () => {
    const s = await withAcmeDeal();
    const rep = await s.as({ role: 'rep' });
    const form = formOf(await deliver(rep, { kind: 'capture', text: 'Call with Acme renewal, they want a demo Thursday', source }))!;
    const initial = Object.fromEntries(form.fields.map((field) => [field.name, field.initial]));
    expect(JSON.stringify(initial)).not.toMatch(/#\d+|Acme renewal"/);
    expect(initial['deal']).toBeUndefined();
    expect(initial['notes']).toBe('Call with Acme renewal, they want a demo Thursday');
    // The manager who owns it gets it named.
    const own = formOf(await deliver(s, { kind: 'capture', text: 'Call with Acme renewal, they want a demo Thursday', source }))!;
    expect(JSON.stringify(own.fields.map((field) => field.initial))).toMatch(/Acme renewal|#\d+/);
  });

  it('logs once with the message’s source, shown in /deal show', async () => {
    const s = await withAcmeDeal();
    const form = formOf(await deliver(s, { kind: 'capture', text: 'They asked for the price list', source }))!;
    const submit = { kind: 'submission', formId: form.formId, values: { type: 'email', deal: 'Acme renewal', notes: 'They asked for the price list' }, idempotencyKey: 'view-1' };
    await deliver(s, submit);
    await deliver(s, submit);
    const rows = await h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceIdOf(h.database, s)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sourceUrl).toBe(source.url);
    expect(rows[0]!.sourceLabel).toBe('Marie Dubois · #ventes');
    expect(await h.database.db.select().from(captures).where(eq(captures.workspaceId, await workspaceIdOf(h.database, s)))).toHaveLength(0);
    // Another submit of the same form (a second modal) says it is gone and logs nothing.
    const again = await deliver(s, { ...submit, idempotencyKey: 'view-2' });
    expect(JSON.stringify(again)).toMatch(/expired or was already sent/);
    await s.send('/deal show "Acme renewal"');
    const link = s.replies.flatMap((reply) => reply.blocks).find((block) => block.type === 'link');
    expect(link).toMatchObject({ type: 'link', url: source.url });
    expect((link as { label: string }).label).toMatch(/Marie Dubois · #ventes/);
  });

  it('cuts very long notes but keeps the permalink whole, and keeps no unsafe link', async () => {
    const s = await withAcmeDeal();
    const long = `Email from Acme Corp: ${'x'.repeat(8000)}`;
    const longUrl = `https://acme.slack.com/archives/C1/p1700000000000100?thread_ts=1700000000.000100&cid=${'C'.repeat(300)}`;
    const form = formOf(await deliver(s, { kind: 'capture', text: long, source: { ...source, url: longUrl } }))!;
    const notes = form.fields.find((field) => field.name === 'notes')!.initial!;
    expect(notes.length).toBeLessThanOrEqual(4000);
    await deliver(s, { kind: 'submission', formId: form.formId, values: { type: 'email', deal: 'Acme renewal', notes } });
    const [row] = await h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceIdOf(h.database, s)));
    expect(row!.sourceUrl).toBe(longUrl);

    const hostile = formOf(await deliver(s, { kind: 'capture', text: 'note', source: { url: 'javascript:alert(1)', authorName: '<!channel>' } }))!;
    await deliver(s, { kind: 'submission', formId: hostile.formId, values: { type: 'note', deal: 'Acme renewal', notes: 'note' } });
    const latest = (await h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceIdOf(h.database, s)))).at(-1)!;
    expect(latest.sourceUrl).toBeNull();
    // Kept as typed; adapters escape it where it is shown.
    expect(latest.sourceLabel).toBe('<!channel>');
  });

  it('a form of someone else’s capture is refused', async () => {
    const s = await withAcmeDeal();
    const form = formOf(await deliver(s, { kind: 'capture', text: 'hello', source }))!;
    const other = await s.as({ role: 'manager' });
    const replies = await deliver(other, { kind: 'submission', formId: form.formId, values: { type: 'note', deal: 'Acme renewal' } });
    expect(JSON.stringify(replies)).toMatch(/expired or was already sent/);
  });
});
