import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDiscordCommands } from '../../adapters/discord/discord-commands.ts';
import { registerDiscordCommands } from '../../adapters/discord/register-commands.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { APPLICATION_ID, startDiscordFake, type DiscordFake } from '../fakes/discord-gateway.fake.ts';

const registry = createDefaultRegistry();
const payload = buildDiscordCommands(registry) as Array<Record<string, any>>;

let fake: DiscordFake;
beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  await fake.close();
});

describe('Discord command registration', () => {
  it('matches the committed payload (run `npm run discord:commands` after changing commands)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../adapters/discord/commands.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(payload);
  });

  it('follows Discord rules: names, lengths, counts, required options first, French localisations', () => {
    const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
    const checkOptions = (options: Array<Record<string, any>>, where: string) => {
      expect(options.length, where).toBeLessThanOrEqual(25);
      let optionalSeen = false;
      for (const option of options) {
        expect(option['name'], where).toMatch(NAME);
        expect(option['name']).toBe(String(option['name']).toLowerCase());
        expect(option['description'].length, `${where}.${option['name']}`).toBeLessThanOrEqual(100);
        expect(option['description_localizations'].fr.length).toBeLessThanOrEqual(100);
        if (option['type'] === 1) checkOptions(option['options'] ?? [], `${where} ${option['name']}`);
        else {
          if (!option['required']) optionalSeen = true;
          else expect(optionalSeen, `${where}: required ${option['name']} after an optional one`).toBe(false);
          expect(Boolean(option['choices'] && option['autocomplete'])).toBe(false);
        }
      }
    };
    for (const command of payload.filter((c) => c['type'] === 1)) {
      expect(command['name']).toMatch(NAME);
      expect(command['description'].length).toBeLessThanOrEqual(100);
      checkOptions(command['options'] ?? [], command['name']);
    }
    const deal = payload.find((c) => c['name'] === 'deal')!;
    expect(deal['name_localizations']).toEqual({ fr: 'affaire' });
    const show = deal['options'].find((o: any) => o.name === 'show');
    expect(show.options[0]).toMatchObject({ name: 'deal', required: true, autocomplete: true, type: 3 });
    const log = payload.find((c) => c['name'] === 'log')!;
    expect(log['options'][0].choices.map((c: any) => c.value)).toEqual(['call', 'email', 'meeting', 'demo', 'note']);
  });

  it('adds the two context menus after the slash commands: names of up to 32 characters, a French one, no description or options', () => {
    const menus = payload.filter((c) => c['type'] !== 1);
    expect(menus).toEqual([
      { type: 3, name: 'Log in Relance', name_localizations: { fr: 'Journaliser dans Relance' } },
      { type: 2, name: 'Deals of this member', name_localizations: { fr: 'Affaires de ce membre' } },
    ]);
    for (const menu of menus) {
      for (const name of [menu['name'], menu['name_localizations'].fr]) expect(name.length, name).toBeLessThanOrEqual(32);
    }
    // Every other command is a slash command, in the registry's order; names are unique per type.
    expect(payload.slice(0, -2).every((c) => c['type'] === 1)).toBe(true);
    expect(payload.slice(0, -2).map((c) => c['name'])).toEqual(registry.entries.map((e) => e.name));
    for (const type of [1, 2, 3]) {
      const names = payload.filter((c) => c['type'] === type).map((c) => c['name']);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('registers guild commands with one PUT of the whole set', async () => {
    const count = await registerDiscordCommands(registry, { token: 'FAKE.bot.token', applicationId: APPLICATION_ID, guildId: '1246372665753600001', apiUrl: fake.apiUrl });
    expect(count).toBe(payload.length);
    const put = fake.calls.find((call) => call.method === 'PUT')!;
    expect(put.path).toBe(`/api/v10/applications/${APPLICATION_ID}/guilds/1246372665753600001/commands`);
    expect(put.body).toEqual(payload);
  });
});
