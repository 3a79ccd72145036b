// `relance` (what `npm start` runs) connects to Discord when its variables are set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, startDiscordFake, type DiscordFake } from '../fakes/discord-gateway.fake.ts';
import { chatInput, textFor } from '../support/discord-environment.ts';
import { startRelanceProcess, type RelanceProcess } from '../support/relance-process.ts';

let fake: DiscordFake;
let relance: RelanceProcess;

beforeAll(async () => {
  fake = await startDiscordFake();
  relance = await startRelanceProcess({ DISCORD_TOKEN: 'FAKE.bot.token.for-start-test', DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl });
});

afterAll(async () => {
  await relance.stop();
  await fake.close();
});

describe('relance with Discord variables', () => {
  it('connects to the gateway and answers interactions', async () => {
    const interaction = chatInput({ guild: '1246372665753600001', locale: 'fr' }, 'help', undefined, {});
    fake.dispatch(interaction);
    await fake.waitFor(() => fake.callsFor(interaction['token']).length >= 1);
    expect(textFor(fake, interaction['token'])).toContain('Relance');
  });
});
