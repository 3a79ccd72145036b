import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { createRegistry, defineCommand } from '../../src/core/registry.ts';
import { activities, companies, conversations, deals } from '../../src/db/schema.ts';
import { openHarness, type Harness, type Session } from '../support/chat-harness.ts';
import { workspaceIdOf } from '../support/workspace-lookup.ts';

// A command that fails like a bug would, to check what members and logs see.
const brokenCommand = defineCommand({
  name: 'broken',
  aliases: { fr: ['casse'], en: ['broken'] },
  description: { fr: 'Échoue', en: 'Fails' },
  examples: { fr: ['/casse'], en: ['/broken'] },
  args: [],
  schema: z.object({}),
  permission: 'member',
  handler: async () => {
    throw new Error('database exploded at /srv/relance/secret.ts:42');
  },
});

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ registry: createRegistry([...commands, brokenCommand]) });
});
afterAll(async () => {
  await h.close();
});

const countActivities = async (s: Session) => (await h.database.db.select().from(activities).where(eq(activities.workspaceId, await workspaceIdOf(h.database, s)))).length;

describe('guided mode', () => {
  it('asks for each missing argument in turn, with choices where there are choices', async () => {
    const s = await h.session();
    const first = await s.send('/deal new');
    expect(first).toContain('What is the deal called?');
    expect(await s.say('Globex expansion')).toContain('Which company is it for?');
    expect(await s.say('Globex')).toContain('Create company "Globex"');
    expect(await s.click(1)).toContain('Deal #');
    const [deal] = await h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, s)));
    expect(deal!.name).toBe('Globex expansion');
  });

  it('offers buttons for enumerated arguments and accepts a typed label too', async () => {
    const s = await h.session();
    const text = await s.send('/log');
    expect(text).toContain('What kind of activity?');
    expect(s.replies[0]!.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.label === 'Demo'))).toBe(true);
    // The target is the next thing the command needs.
    expect(await s.say('email')).toContain('Which deal, company or contact?');
    expect(await s.say('Hello Corp')).toContain('"Hello Corp" does not exist yet');
    expect(await s.click(1)).toContain('Email logged for Hello Corp');
  });

  it('offers my open deals, then the stages, when /deal stage comes alone', async () => {
    const s = await h.session();
    await s.send('/deal new "Alpha one" Alpha 1k');
    await s.click(1);
    expect(await s.send('/deal stage')).toMatch(/\[1\] #\d+ Alpha one/);
    const stages = await s.click(1);
    expect(stages).toContain('Which stage should it move to?');
    expect(stages).toContain('Negotiation');
    expect(await s.say('demo')).toContain('Lead → Demo');
  });

  it('re-asks after a wrong answer, saying what was wrong', async () => {
    const s = await h.session();
    await s.send('/deal new "Big one"');
    await s.say('Acme');
    await s.click(1);
    const { id } = (await h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, s))))[0]!;
    await s.send(`/deal amount #${id}`);
    const text = await s.say('-3k');
    expect(text).toContain('An amount cannot be negative');
    expect(text).toContain('What is the amount?');
    expect(await s.say('3k')).toContain('→ €3,000');
  });

  it('cancels at any step with cancel or annuler, writing nothing', async () => {
    const s = await h.session();
    await s.send('/log call Zorglub');
    expect(await s.say('annuler')).toContain('Cancelled: nothing was saved.');
    expect(await countActivities(s)).toBe(0);
    await s.send('/log call Zorglub');
    await s.click(3); // the cancel button after two create choices
    expect(await countActivities(s)).toBe(0);
    expect(await h.database.db.select().from(conversations).where(eq(conversations.workspaceId, await workspaceIdOf(h.database, s)))).toHaveLength(0);
  });

  it('resumes after a restart: the question is in the database, not in memory', async () => {
    const s = await h.session();
    await s.send('/log call Umbrella');
    h.restart();
    expect(await s.click(1)).toContain('Call logged for Umbrella');
    expect(await countActivities(s)).toBe(1);
  });

  it('expires an unanswered question', async () => {
    const s = await h.session();
    await s.send('/log call Cyberdyne');
    const before = h.clock.now;
    h.clock.now = new Date(before.getTime() + 31 * 60 * 1000);
    try {
      expect(await s.click(1)).toContain('This question has expired');
    } finally {
      h.clock.now = before;
    }
    expect(await countActivities(s)).toBe(0);
  });

  it('applies a double click once', async () => {
    const s = await h.session();
    await s.send('/log call Tyrell');
    const buttons = s.replies[0]!.blocks.find((b) => b.type === 'buttons');
    if (buttons?.type !== 'buttons') throw new Error('no buttons');
    const click = buttons.buttons[0]!;
    const deliver = (key: string) =>
      h.bot.handle({ kind: 'action', actionId: click.actionId, value: click.value, ref: s.ref, actor: s.actor, idempotencyKey: key }, async () => {});
    await Promise.all([deliver('click-a'), deliver('click-b')]);
    expect(await countActivities(s)).toBe(1);
  });

  it('keeps conversations apart per channel and per user', async () => {
    const s = await h.session({ channel: 'C1' });
    const other = await s.as({ channel: 'C1' });
    await s.send('/log call Soylent');
    expect(await other.say('1')).toContain('No question is waiting for an answer here.');
    expect(await countActivities(s)).toBe(0);
  });
});

describe('idempotency', () => {
  it('does the work once when a delivery is retried with the same key', async () => {
    const s = await h.session();
    await s.send('/log note Vandelay');
    await s.click(1);
    await s.send('/log note Vandelay first', 'delivery-1');
    const retry = await s.send('/log note Vandelay first', 'delivery-1');
    expect(retry).toBe('');
    expect(await countActivities(s)).toBe(2);
  });
});

describe('errors', () => {
  it('answers an unknown command in the member language', async () => {
    const fr = await h.session({ locale: 'fr-FR' });
    expect(await fr.send('/vendre tout')).toContain('Je ne connais pas la commande «\u202fvendre\u202f»');
  });

  it('rejects a date that does not exist and a negative amount, with an example', async () => {
    const s = await h.session();
    await s.send('/deal new X Acme');
    await s.click(1);
    const date = await s.send('/deal close #1 31/02');
    expect(date).toMatch(/"31\/02" does not exist in the calendar|cannot find any deal/);
    const { id } = (await h.database.db.select().from(deals).where(eq(deals.workspaceId, await workspaceIdOf(h.database, s))))[0]!;
    expect(await s.send(`/deal close #${id} 31/02`)).toContain('"31/02" does not exist in the calendar');
    const negative = await s.send(`/deal amount #${id} -500`);
    expect(negative).toContain('An amount cannot be negative');
    expect(negative).toContain('Example: /deal amount #12');
  });

  it('shows the group help for a bare /deal and rejects an unknown subcommand', async () => {
    const s = await h.session();
    expect(await s.send('/deal')).toContain('/deal new');
    expect(await s.send('/deal explode')).toContain('I do not know "explode" here');
  });

  it('never shows a stack trace: an error id the member can quote, the details in the log', async () => {
    const s = await h.session();
    const text = await s.send('/broken');
    const id = /code to your admin: ([0-9a-f]{8})/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('.ts');
    const logged = h.logs.map((line) => JSON.parse(line) as { errorId?: string; err?: { message: string } }).find((entry) => entry.errorId === id);
    expect(logged?.err?.message).toContain('database exploded');
  });

  it('writes nothing when a command fails half-way', async () => {
    const s = await h.session();
    // The company is created inside the command, then the contact fails (no contact #999999):
    // the whole command rolls back, company included.
    await s.send('/log call company:"Half Way" contact:#999999');
    expect(await s.click(1)).toContain('I cannot find any contact "#999999"');
    expect(await h.database.db.select().from(companies).where(eq(companies.workspaceId, await workspaceIdOf(h.database, s)))).toHaveLength(0);
    expect(await countActivities(s)).toBe(0);
  });
});
