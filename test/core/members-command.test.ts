import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../support/chat-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
});

describe('/members', () => {
  it('makes the first member admin; admins set roles and teams, which scope deal lists', async () => {
    const admin = await h.session({ name: 'Ada' });
    const rita = await admin.as({ name: 'Rita' });
    const mona = await admin.as({ name: 'Mona' });
    expect(await admin.send('/members')).toMatch(/Ada — admin[\s\S]*Mona — sales rep[\s\S]*Rita — sales rep/);

    expect(await rita.send('/members role Mona manager')).toContain('Only admins can do this');
    expect(await admin.send('/members role Mona manager')).toContain('Mona is now a manager');
    expect(await admin.send('/members team Mona North')).toContain('Mona is now on the North team.');
    await admin.send('/members team Rita North');
    expect(await admin.send('/members')).toMatch(/Ada — admin\n[\s\S]*Mona — manager · North team[\s\S]*Rita — sales rep · North team/);

    await rita.send('/deal new "Rita deal" Alpha 1k');
    await rita.click(1);
    expect(await mona.send('/deal list all')).toContain('Rita deal');
    expect(await admin.send('/members team Rita none')).toContain('Rita is no longer on any team.');
    expect(await mona.send('/deal list all')).not.toContain('Rita deal');
  });

  it('speaks French: one line per member, the role agreeing in the sentence', async () => {
    const admin = await h.session({ name: 'Alice', locale: 'fr-FR' });
    await admin.as({ name: 'Bruno' });
    expect(await admin.send('/membres role Bruno manager')).toContain('Bruno a maintenant le rôle de manager.');
    expect(await admin.send('/membres equipe Bruno Nord')).toContain('Bruno fait maintenant partie de l’équipe Nord.');
    const list = await admin.send('/membres');
    expect(list).toContain('Alice — administrateur');
    expect(list).toContain('Bruno — manager · équipe Nord');
  });

  it('keeps at least one admin', async () => {
    const admin = await h.session({ name: 'Solo' });
    expect(await admin.send('/members role Solo rep')).toContain('at least one admin');
  });
});
