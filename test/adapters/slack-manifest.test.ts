import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, DEFAULT_MANIFEST_OPTIONS } from '../../adapters/slack/manifest.ts';
import { readSlackText } from '../../adapters/slack/slack-escape.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { isGroup } from '../../src/core/registry.ts';

describe('Slack manifest', () => {
  const registry = createDefaultRegistry();

  it('is the one committed in the repository (run `npm run slack:manifest` after changing commands)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../adapters/slack/manifest.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(buildManifest(registry, DEFAULT_MANIFEST_OPTIONS));
  });

  it('declares every command under its main French and English names, within Slack limits (50 commands)', () => {
    const manifest = buildManifest(registry, DEFAULT_MANIFEST_OPTIONS) as { features: { slash_commands: Array<{ command: string; description: string; url: string }> } };
    const declared = manifest.features.slash_commands.map((c) => c.command);
    for (const entry of registry.entries) {
      expect(declared).toContain(`/${entry.name}`);
      expect(declared).toContain(`/${entry.aliases.fr[0]}`);
      expect(declared).toContain(`/${entry.aliases.en[0]}`);
      if (isGroup(entry)) expect(entry.subcommands.length).toBeGreaterThan(0);
    }
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.length).toBeLessThanOrEqual(50);
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.url).toBe('https://relance.example.com/slack/events');
    }
  });

  it('subscribes to DMs and mentions of the bot, with the scopes their events need, and to no other channel messages', () => {
    const manifest = buildManifest(registry, DEFAULT_MANIFEST_OPTIONS) as { settings: { event_subscriptions: { bot_events: string[] } }; oauth_config: { scopes: { bot: string[] } } };
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.im']);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['app_mentions:read', 'im:history', 'chat:write']));
  });

  it('has no request URLs in Socket Mode', () => {
    const manifest = JSON.stringify(buildManifest(registry, { baseUrl: 'https://x', socketMode: true }));
    expect(manifest).not.toContain('https://x');
    expect(manifest).toContain('"socket_mode_enabled":true');
  });
});

describe('readSlackText', () => {
  it('turns Slack markup back into what the member typed', () => {
    expect(readSlackText('owner #12 <@U0HUGO0002|hugo> &lt;3 &amp; <#C0VENTES01|ventes> <https://acme.fr|acme.fr> <!channel>')).toBe(
      'owner #12 <@U0HUGO0002> <3 & #ventes https://acme.fr @channel',
    );
  });
});
