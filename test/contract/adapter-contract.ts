// What every adapter must do for a member, whatever the platform: the same scenarios run
// against the console and Slack (and Discord) through a small driver per platform.
import { describe, expect, it } from 'vitest';
import { plainLanguageScenarios } from './plain-language.contract.ts';

export interface ContractDriver {
  /** Sends `/name text` as this platform would; resolves with the text of the replies. */
  command(name: string, text: string): Promise<string>;
  /** Clicks the button (or option) whose label contains `label` in the last reply that had one. */
  click(label: string): Promise<string>;
  /**
   * Starts a fresh workspace, so scenarios do not see each other's data. `direct`: the member
   * works in their DM with the bot, commands, clicks and sentences alike. Discord makes a DM the
   * member's own workspace, so a DM sentence sees only what was made in the DM; Slack DMs share
   * the team's workspace; the terminal has one place.
   */
  newWorkspace(options?: { direct?: boolean }): void;
  /**
   * Types a free answer as this platform allows: a line in the terminal, a message in the Slack
   * channel, `/answer` on Discord (the bot does not read Discord channel messages).
   */
  say(text: string): Promise<string>;
  /** Keeps a button of the last reply (by label), to click it later as on an old message. */
  hold(label: string): unknown;
  /** Clicks a kept button. In the terminal, types the number it had. */
  press(held: unknown): Promise<string>;
  /** Whether old messages keep working buttons (chat platforms; not the terminal, where a number means the latest buttons). */
  oldMessages: boolean;
  /**
   * Says a sentence to the bot one-to-one: a terminal line without `/`, a DM on Slack and on
   * Discord (there in a `direct` workspace); resolves with the text of the replies.
   */
  talk(text: string): Promise<string>;
  /** Mentions the bot in a channel: Slack `app_mention` (answered in a thread under it), a Discord server message. None in the terminal. */
  mention?: (text: string) => Promise<string>;
  /** Mentions the bot again inside the thread of the last mention (Slack). None where a mention opens no thread. */
  followUp?: (text: string) => Promise<string>;
  /** Whether the last replies reached the member alone (an ephemeral, a DM) after a mention a channel could see. */
  lastPrivate?: () => boolean;
  /** The bot's fixed clock: periods (this week, last month) are computed from it. */
  now: Date;
}

export function adapterContract(platform: string, driver: () => ContractDriver): void {
  describe(`${platform} adapter contract`, () => {
    it('answers /help with the command list', async () => {
      const d = driver();
      d.newWorkspace();
      const text = await d.command('help', '');
      expect(text).toMatch(/\/(log|journal)/);
      expect(text).toMatch(/\/(deal|affaire)/);
    });

    it('explains an unknown command instead of failing', async () => {
      const d = driver();
      d.newWorkspace();
      expect(await d.command('frobnicate', 'now')).toMatch(/frobnicate/);
    });

    it('asks before creating a record, and logs after the click', async () => {
      const d = driver();
      d.newWorkspace();
      const question = await d.command('log', 'call "Contract Corp" outbound 15min');
      expect(question).toMatch(/Contract Corp/);
      const done = await d.click('Contract Corp');
      expect(done).toMatch(/✅/);
    });

    it('creates a deal, moves it and lists it', async () => {
      const d = driver();
      d.newWorkspace();
      await d.command('deal', 'new "Contract deal" Contractco 5k');
      await d.click('Contractco');
      expect(await d.command('deal', 'stage "Contract deal" proposal')).toMatch(/Proposal|Proposition/);
      expect(await d.command('deal', 'list')).toMatch(/Contract deal/);
    });

    it('reads 15.000 € as fifteen thousand for a French member, and asks back 15,000', async () => {
      const d = driver();
      d.newWorkspace();
      await d.command('lang', 'fr');
      await d.command('deal', 'new "Contrat Garnier" Garnier amount:15.000€');
      await d.click('Garnier');
      // Intl writes French thousands with a narrow no-break space: \s matches it.
      expect(await d.command('deal', 'show "Contrat Garnier"')).toMatch(/15\s000\s€/u);
      const question = await d.command('deal', 'amount "Contrat Garnier" amount:15,000');
      expect(question).toMatch(/15\s000\s€/u);
      expect(question).toMatch(/15,00\s€/u);
      await d.click('15,00');
      const shown = await d.command('deal', 'show "Contrat Garnier"');
      expect(shown).toMatch(/15\s€/u);
      expect(shown).not.toMatch(/15\s000\s€/u);
    });

    it('refuses bad input with an example', async () => {
      const d = driver();
      d.newWorkspace();
      const text = await d.command('deal', 'new "Bad amount" Acme amount:-5k');
      expect(text).toMatch(/-5k/);
      expect(text).toMatch(/\/(deal|affaire) (new|nouvelle)/);
    });

    it('keeps a qualification waiting through /kpi, /log and /deal list, then finishes it with typed answers', async () => {
      const d = driver();
      d.newWorkspace();
      await d.command('deal', 'new "Flow deal" Flowco 5k');
      await d.click('Flowco');
      expect(await d.command('qualify', '"Flow deal"')).toMatch(/BANT 1\/4/);
      expect(await d.click('Confirmed')).toMatch(/BANT 2\/4/);
      expect(await d.command('kpi', '')).toMatch(/Figures/);
      expect(await d.command('log', 'call "Flow deal" outbound 10min')).toMatch(/✅/);
      expect(await d.command('deal', 'list')).toMatch(/Flow deal/);
      expect(await d.say('confirmed')).toMatch(/decision maker/i);
      await d.say('skip');
      await d.say('confirmed');
      await d.say('partly');
      const end = await d.say('skip');
      expect(end).toMatch(/88\/100, qualified/);
      expect(end).toMatch(/Move it to the Qualified stage\?/);
      expect(await d.say('yes')).toMatch(/Lead → Qualified/);
    });

    it('says how to resume a flow another one replaced, and a stale or old click changes nothing', async () => {
      const d = driver();
      d.newWorkspace();
      await d.command('deal', 'new "First deal" Firstco 5k');
      await d.click('Firstco');
      await d.command('deal', 'new "Second deal" Secondco 5k');
      await d.click('Secondco');
      await d.command('qualify', '"First deal"');
      const firstConfirmed = d.hold('Confirmed');
      const second = await d.command('qualify', '"Second deal"');
      expect(second).toMatch(/BANT 1\/4/);
      expect(second).toContain('The qualification of "First deal" is still waiting: type /qualify "First deal" to resume it.');
      // A typed answer goes to the latest question: the second deal's.
      expect(await d.say('confirmed')).toMatch(/BANT 2\/4/);
      if (d.oldMessages) {
        // The first question's button still answers the first flow, once.
        expect(await d.press(firstConfirmed)).toMatch(/BANT 2\/4/);
        expect(await d.press(firstConfirmed)).toMatch(/already answered/);
      }
      // Resuming the first by its command line asks its waiting question again.
      expect(await d.command('qualify', '"First deal"')).toMatch(/Picking up where you left off/);
      expect(await d.say('cancel')).toMatch(/Cancelled/);
    });

    it('a button of a flow that ended does nothing', async () => {
      const d = driver();
      d.newWorkspace();
      await d.command('deal', 'new "Old button deal" Oldco 5k');
      await d.click('Oldco');
      await d.command('deal', 'won "Old button deal"');
      expect(await d.command('deal', 'stage "Old button deal" proposal')).toMatch(/Reopen/);
      const reopen = d.hold('Reopen');
      expect(await d.say('cancel')).toMatch(/Cancelled/);
      expect(await d.press(reopen)).toMatch(/question is closed|No question is waiting/);
      expect(await d.command('deal', 'show "Old button deal"')).toMatch(/Won/);
    });

    it('understands typed yes/no and choice names, in English and in French', async () => {
      const d = driver();
      d.newWorkspace();
      await d.command('deal', 'new "Typed deal" Typedco 5k');
      await d.click('Typedco');
      await d.command('deal', 'won "Typed deal"');
      expect(await d.command('deal', 'stage "Typed deal" proposal')).toMatch(/Reopen/);
      expect(await d.say('nope')).toMatch(/Nothing changed/);
      await d.command('deal', 'stage "Typed deal" proposal');
      expect(await d.say('yes')).toMatch(/Won → Proposal/);
      expect(await d.command('qualify', '"Typed deal"')).toMatch(/BANT 1\/4/);
      expect(await d.say('CONFIRMED')).toMatch(/BANT 2\/4/);
      expect(await d.say('nonsense')).toMatch(/did not understand "nonsense"/);
      expect(await d.say('cancel')).toMatch(/Cancelled/);
      await d.command('lang', 'fr');
      await d.command('affaire', 'nouvelle "Affaire tapée" Tapeco 5k');
      await d.click('Tapeco');
      await d.command('affaire', 'gagnee "Affaire tapée"');
      expect(await d.command('affaire', 'etape "Affaire tapée" proposition')).toMatch(/Rouvrir/);
      expect(await d.say('non')).toMatch(/Rien n’a changé/);
      await d.command('affaire', 'etape "Affaire tapée" proposition');
      expect(await d.say('ouais')).toMatch(/Gagnée? → Proposition/);
      expect(await d.command('qualifier', '"Affaire tapée"')).toMatch(/BANT 1\/4/);
      expect(await d.say('Confirmé')).toMatch(/BANT 2\/4/);
      expect(await d.say('n’importe quoi')).toMatch(/Je n’ai pas compris/);
      expect(await d.say('annuler')).toMatch(/Annulé/);
    });

    it('checks what it can before asking anything', async () => {
      const d = driver();
      d.newWorkspace();
      const noDeal = await d.command('deal', 'lost #99');
      expect(noDeal).toMatch(/cannot find any deal "#99"/);
      expect(noDeal).not.toMatch(/Why was it lost/);
      expect(await d.command('log', 'call #1')).toMatch(/cannot find any deal "#1"/);
      const nextStep = await d.command('log', 'call "Brand New Co" next:quote');
      expect(nextStep).toMatch(/next step belongs to a deal/);
      expect(nextStep).not.toMatch(/Create/);
      const contact = await d.command('contact', 'show "Nobody Known"');
      expect(contact).toMatch(/cannot find any contact "Nobody Known"/);
      expect(contact).not.toMatch(/What should I create/);
      expect(await d.command('kpi', 'convrsion')).toMatch(/Closest figures: .*conversion/);
      // A person's name: creating a contact comes first.
      const person = await d.command('log', 'call "Marie Dupont"');
      expect(person.indexOf('Create contact')).toBeGreaterThanOrEqual(0);
      expect(person.indexOf('Create contact')).toBeLessThan(person.indexOf('Create company'));
    });

    plainLanguageScenarios(driver);
  });
}
