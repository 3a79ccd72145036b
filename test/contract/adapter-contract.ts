// What every adapter must do for a member, whatever the platform: the same scenarios run
// against the console and Slack (and Discord) through a small driver per platform.
import { describe, expect, it } from 'vitest';

export interface ContractDriver {
  /** Sends `/name text` as this platform would; resolves with the text of the replies. */
  command(name: string, text: string): Promise<string>;
  /** Clicks the button (or option) whose label contains `label` in the last reply that had one. */
  click(label: string): Promise<string>;
  /** Starts a fresh workspace, so scenarios do not see each other's data. */
  newWorkspace(): void;
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
  });
}
