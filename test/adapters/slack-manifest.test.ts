import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, DEFAULT_MANIFEST_OPTIONS } from '../../adapters/slack/manifest.ts';
import { readSlackText } from '../../adapters/slack/slack-escape.ts';
import { CAPTURE_CALLBACK_IDS, GLOBAL_SHORTCUTS } from '../../adapters/slack/slack-shortcuts.ts';
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

  it('subscribes to DMs, mentions of the bot, the App Home and the end of an installation, with the scopes their events need, and to no other channel messages', () => {
    const manifest = buildManifest(registry, DEFAULT_MANIFEST_OPTIONS) as { settings: { event_subscriptions: { bot_events: string[] } }; oauth_config: { scopes: { bot: string[] } } };
    // app_uninstalled and tokens_revoked need no scope; the adapter's payload checks let them through.
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'app_uninstalled', 'message.im', 'tokens_revoked']);
    // app_home_opened, views.publish and chat.getPermalink need no scope; shortcuts ride on `commands`.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['app_mentions:read', 'im:history', 'im:write', 'chat:write', 'commands']));
  });

  it('enables the Home tab and keeps the Messages tab (the DM with the bot)', () => {
    const manifest = buildManifest(registry, DEFAULT_MANIFEST_OPTIONS) as { features: { app_home: Record<string, boolean> } };
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('declares the message shortcut and the two global shortcuts under their French and English names, routed by the adapter', () => {
    const manifest = buildManifest(registry, DEFAULT_MANIFEST_OPTIONS) as { features: { shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }> } };
    const shortcuts = manifest.features.shortcuts;
    expect(shortcuts.map((s) => [s.type, s.name, s.callback_id])).toEqual([
      ['message', 'Journaliser dans Relance', 'log_message_fr'],
      ['message', 'Log in Relance', 'log_message'],
      ['global', 'Nouvelle activité', 'new_activity_fr'],
      ['global', 'New activity', 'new_activity'],
      ['global', 'Nouvelle affaire', 'new_deal_fr'],
      ['global', 'New deal', 'new_deal'],
    ]);
    // Slack: 10 shortcuts per app, callback ids up to 255 characters, descriptions up to 150.
    expect(shortcuts.length).toBeLessThanOrEqual(10);
    expect(new Set(shortcuts.map((s) => s.callback_id)).size).toBe(shortcuts.length);
    for (const s of shortcuts) expect(s.description.length).toBeLessThanOrEqual(150);
    // Every declared callback id is one the adapter answers.
    for (const s of shortcuts) {
      if (s.type === 'message') expect(CAPTURE_CALLBACK_IDS).toContain(s.callback_id);
      else expect(Object.keys(GLOBAL_SHORTCUTS)).toContain(s.callback_id);
    }
    expect(GLOBAL_SHORTCUTS['new_activity']).toEqual(GLOBAL_SHORTCUTS['new_activity_fr']);
    expect(GLOBAL_SHORTCUTS['new_deal']).toEqual({ name: 'deal', text: 'new' });
  });

  it('gives Slack the OAuth redirect URL of the install flow (HTTP mode)', () => {
    const manifest = buildManifest(registry, { baseUrl: 'https://relance.example.org/', socketMode: false }) as { oauth_config: { redirect_urls: string[] } };
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://relance.example.org/slack/oauth_redirect']);
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
