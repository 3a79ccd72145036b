// The environment is read once at start-up: a deployment that cannot work says which variable is
// wrong and why, before anything listens.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, discordGatewayEnabled, discordHttpEnabled, loadConfig, slackEnabled, slackOAuthEnabled } from '../../src/config.ts';

const key = randomBytes(32).toString('base64');
const oauth = { SLACK_CLIENT_ID: '1234.5678', SLACK_CLIENT_SECRET: 'a'.repeat(32), SLACK_SIGNING_SECRET: 's'.repeat(32), SLACK_STATE_SECRET: 'state'.repeat(5), RELANCE_ENCRYPTION_KEY: key };
const discordHttp = { DISCORD_TOKEN: 'x'.repeat(60), DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) };
const problem = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
};

describe('Slack configuration', () => {
  it('serves many workspaces with OAuth settings and one with a bot token', () => {
    const many = loadConfig(oauth);
    expect(slackEnabled(many) && slackOAuthEnabled(many)).toBe(true);
    const one = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's'.repeat(32) });
    expect(slackEnabled(one) && !slackOAuthEnabled(one)).toBe(true);
    expect(slackEnabled(loadConfig({}))).toBe(false);
  });

  it.each([
    ['SLACK_STATE_SECRET', { ...oauth, SLACK_STATE_SECRET: undefined }],
    ['RELANCE_ENCRYPTION_KEY', { ...oauth, RELANCE_ENCRYPTION_KEY: undefined }],
    ['SLACK_SIGNING_SECRET', { ...oauth, SLACK_SIGNING_SECRET: undefined }],
    ['SLACK_CLIENT_SECRET', { ...oauth, SLACK_CLIENT_SECRET: undefined }],
    ['SLACK_BOT_TOKEN', { ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' }],
    ['SLACK_APP_TOKEN', { ...oauth, SLACK_APP_TOKEN: 'xapp-1' }],
  ])('refuses OAuth installs without a sound %s', (name, env) => {
    expect(problem(env)).toContain(name);
  });

  it('refuses an encryption key that is not 32 bytes, and an unreadable old key', () => {
    expect(problem({ ...oauth, RELANCE_ENCRYPTION_KEY: 'short' })).toMatch(/RELANCE_ENCRYPTION_KEY: not a 32-byte key/);
    expect(problem({ ...oauth, RELANCE_ENCRYPTION_KEY: randomBytes(32).toString('hex') })).toBe('');
    expect(problem({ ...oauth, RELANCE_ENCRYPTION_KEYS_OLD: `${randomBytes(32).toString('base64')},nope` })).toMatch(/RELANCE_ENCRYPTION_KEYS_OLD/);
  });
});

describe('Discord configuration', () => {
  it('turns on HTTP interactions with a public key, and the gateway unless told off', () => {
    const both = loadConfig(discordHttp);
    expect([discordHttpEnabled(both), discordGatewayEnabled(both)]).toEqual([true, true]);
    const httpOnly = loadConfig({ ...discordHttp, DISCORD_GATEWAY: 'off' });
    expect([discordHttpEnabled(httpOnly), discordGatewayEnabled(httpOnly)]).toEqual([true, false]);
    // Without a public key there is nothing but the gateway, whatever DISCORD_GATEWAY says.
    const gatewayOnly = loadConfig({ ...discordHttp, DISCORD_PUBLIC_KEY: undefined, DISCORD_GATEWAY: 'off' });
    expect([discordHttpEnabled(gatewayOnly), discordGatewayEnabled(gatewayOnly)]).toEqual([false, true]);
  });

  it('needs the bot token with a public key, and a key of 64 hex digits', () => {
    expect(problem({ ...discordHttp, DISCORD_TOKEN: undefined })).toContain('DISCORD_TOKEN');
    expect(problem({ ...discordHttp, DISCORD_PUBLIC_KEY: 'xyz' })).toContain('DISCORD_PUBLIC_KEY');
  });
});
