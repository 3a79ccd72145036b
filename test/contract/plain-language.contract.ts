// Plain-language scenarios of the adapter contract: members talk to the bot in sentences (a
// terminal line without `/`, a DM, a mention in a channel, /ask · /demander). Reads are
// answered at once, writes wait for Save and are done once, unsafe sentences write nothing, and
// « and last month? » follows the question before it in the same conversation.
import { expect, it } from 'vitest';
import type { ContractDriver } from './adapter-contract.ts';

/** `d` as a day like the figures' titles write it in English: "23 Nov 2026". */
const day = (d: Date): string => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
const addDays = (d: Date, n: number): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n));

/** Escapes text for a RegExp. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A date as `on:` takes it. */
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * This week (Monday to Sunday), last month and this quarter, from the bot's clock (members are
 * in Europe/Paris, where the environments' 09:00 UTC is the same day).
 */
function periods(now: Date) {
  const [year, month] = [now.getUTCFullYear(), now.getUTCMonth()];
  const monday = addDays(now, -((now.getUTCDay() + 6) % 7));
  const quarter = month - (month % 3);
  return {
    week: [monday, addDays(monday, 6)],
    lastMonth: [new Date(Date.UTC(year, month - 1, 1)), new Date(Date.UTC(year, month, 0))],
    quarter: [new Date(Date.UTC(year, quarter, 1)), new Date(Date.UTC(year, quarter + 3, 0))],
  } satisfies Record<string, [Date, Date]>;
}

/** A period's first and last days as a figure's title shows them, in this order. */
const spanning = ([first, last]: [Date, Date]): RegExp => new RegExp(`${literal(day(first))}.*${literal(day(last))}`);

/** A figure and its value as a KPI reply shows it, `Activities  1 (before: 0)`, whatever the layout (terminal line, Block Kit field, embed field). */
const figure = (name: string, value: number): RegExp => new RegExp(`${literal(name)}[^0-9]{0,20}?\\b${value} \\(before`);

/** A deal and its company, created with ordinary commands. */
async function garnier(d: ContractDriver): Promise<void> {
  await d.command('deal', 'new "Garnier renewal" "Garnier Batiment" 48k');
  await d.click('Garnier Batiment');
}

/** The confirmation of a write understood from a sentence, then Save clicked once, then again where old messages keep their buttons. */
async function saveOnce(d: ContractDriver, proposal: string): Promise<void> {
  expect(proposal).toMatch(/I understood: \/deal won #\d+/);
  expect(proposal).toMatch(/Save[\s\S]*Edit[\s\S]*Cancel/);
  expect(proposal).not.toMatch(/🏆/);
  const save = d.hold('Save');
  const done = await d.click('Save');
  expect(done).toMatch(/🏆/);
  expect(done).toMatch(/Garnier renewal/);
  if (d.oldMessages) {
    const again = await d.press(save);
    expect(again).not.toMatch(/🏆/);
    expect(again).toMatch(/question is closed/);
  }
  const shown = await d.command('deal', 'show "Garnier renewal"');
  expect(shown).toMatch(/Won/);
  // Won once: one move in the stage history.
  expect(shown.match(/→ Won/g)).toHaveLength(1);
}

export function plainLanguageScenarios(driver: () => ContractDriver): void {
  it('answers a read in plain words at once, in English and in French', async () => {
    const d = driver();
    d.newWorkspace({ direct: true });
    // A command first, which tells the bot the member's language everywhere (see the next scenario).
    await d.command('help', '');
    const en = await d.talk('what is churn?');
    expect(en).toMatch(/Churn rate/);
    expect(en).toMatch(/customers lost in the period/);
    expect(en).not.toMatch(/I understood/);
    await d.command('lang', 'fr');
    const fr = await d.talk('c’est quoi le churn ?');
    expect(fr).toMatch(/Taux de churn/);
    expect(fr).toMatch(/clients perdus sur la période/);
  });

  it('answers a member’s very first sentence in their language', async () => {
    // Discord messages carry no locale (interactions do): before any command, the member's
    // language is unknown to the bot there, and the workspace's default (French) answers.
    const d = driver();
    d.newWorkspace({ direct: true });
    const en = await d.talk('what is churn?');
    expect(en).toMatch(/customers lost in the period/);
  });

  it('shows a write understood from a sentence, does it after Save, and only once', async () => {
    const d = driver();
    d.newWorkspace({ direct: true });
    await garnier(d);
    await saveOnce(d, await d.talk('we signed Garnier!'));
  });

  it('refuses to delete from a sentence, and deletes nothing', async () => {
    const d = driver();
    d.newWorkspace({ direct: true });
    await garnier(d);
    const refusal = await d.talk('delete all my deals');
    expect(refusal).toMatch(/I do not delete anything from a sentence/);
    expect(refusal).not.toMatch(/I understood/);
    // The closest commands come as buttons; the first one lists the deals, all still there.
    expect(await d.click('/deal list')).toMatch(/Garnier renewal/);
    expect(await d.command('deal', 'list')).toMatch(/Garnier renewal/);
    const unknown = await d.talk('please sing me a song about penguins');
    expect(unknown).toMatch(/I did not understand "please sing me a song about penguins"/);
    expect(unknown).toMatch(/\/deal list/);
  });

  it('in French: Annuler writes nothing, and « supprime toutes mes affaires » deletes nothing', async () => {
    const d = driver();
    d.newWorkspace({ direct: true });
    await garnier(d);
    await d.command('lang', 'fr');
    const proposal = await d.talk('on a signé Garnier !');
    expect(proposal).toMatch(/J’ai compris\s:\s\/affaire gagnee #\d+/u);
    expect(proposal).toMatch(/Enregistrer[\s\S]*Modifier[\s\S]*Annuler/);
    expect(await d.click('Annuler')).toMatch(/rien n’a été enregistré/);
    const unchanged = await d.command('affaire', 'voir "Garnier renewal"');
    expect(unchanged).toMatch(/Lead/);
    expect(unchanged).not.toMatch(/Gagnée/);
    const refusal = await d.talk('supprime toutes mes affaires');
    expect(refusal).toMatch(/Je ne supprime rien sur une simple phrase/);
    expect(await d.command('affaire', 'liste')).toMatch(/Garnier renewal/);
  });

  it('follows a read with « and last month? » in the same conversation', async () => {
    const d = driver();
    d.newWorkspace({ direct: true });
    await garnier(d);
    const { week, lastMonth } = periods(d.now);
    // One call today, two last month.
    await d.command('log', 'call "Garnier renewal" outbound 15min');
    await d.command('log', `call "Garnier renewal" outbound 10min on:${iso(addDays(lastMonth[0], 11))}`);
    await d.command('log', `call "Garnier renewal" outbound 10min on:${iso(addDays(lastMonth[0], 19))}`);
    // Slack follows up in the thread of a mention; elsewhere in the DM (or the terminal).
    const ask = d.followUp && d.mention ? d.mention : d.talk;
    const follow = d.followUp ?? d.talk;
    const thisWeek = await ask('how many calls this week?');
    expect(thisWeek).toMatch(spanning(week));
    expect(thisWeek).toMatch(figure('Activities', 1));
    const previous = await follow('and last month?');
    expect(previous).toMatch(spanning(lastMonth));
    expect(previous).toMatch(figure('Activities', 2));
  });

  it('reads /ask and /demander like any sentence', async () => {
    const d = driver();
    d.newWorkspace({ direct: true });
    await garnier(d);
    const quarter = await d.command('ask', 'what’s our win rate this quarter?');
    expect(quarter).toMatch(/Win rate/);
    expect(quarter).toMatch(spanning(periods(d.now).quarter));
    await saveOnce(d, await d.command('ask', 'we signed Garnier!'));
    await d.command('lang', 'fr');
    expect(await d.command('demander', 'c’est quoi le churn ?')).toMatch(/Taux de churn/);
  });

  it('asks what a write still needs after Save, and takes the answer typed where the sentence was', async () => {
    const d = driver();
    // In a channel where mentions exist; the answer is typed there too (Slack: in the mention's
    // thread, where the question is shown; Discord: mentioning the bot again in the channel).
    d.newWorkspace({ direct: !d.mention });
    await garnier(d);
    const ask = d.mention ?? d.talk;
    const answer = d.followUp ?? d.mention ?? d.say;
    const proposal = await ask('we lost Garnier');
    expect(proposal).toMatch(/I understood: \/deal lost #\d+/);
    expect(await d.click('Save')).toMatch(/Why was it lost\?/);
    expect(await answer('price')).toMatch(/Garnier renewal/);
    expect(await d.command('deal', 'show "Garnier renewal"')).toMatch(/Lost/);
  });

  it('confirms a write asked by a mention in a channel to the member alone, and does it once', async (context) => {
    const d = driver();
    if (!d.mention) return context.skip();
    d.newWorkspace();
    await garnier(d);
    const proposal = await d.mention('we signed Garnier!');
    // Slack: an ephemeral in the mention's thread; Discord: the member's DM.
    expect(d.lastPrivate?.()).toBe(true);
    await saveOnce(d, proposal);
  });
}
