// The Slack app manifest, generated from the command registry so the slash commands Slack
// knows can never drift from the ones the code answers.
import { isGroup, type Registry } from '../../src/core/registry.ts';

export interface ManifestOptions {
  /** Public base URL of Relance in HTTP mode, e.g. https://relance.example.com */
  baseUrl: string;
  /** Socket Mode: no request URLs. */
  socketMode: boolean;
}

/**
 * Scopes the adapter uses: commands, replies, ephemerals, DMs (im:write to open one, im:history
 * for the `message.im` event), mentions in channels (app_mentions:read for `app_mention`),
 * users.info, chart uploads. Shortcuts (the `commands` scope), chat.getPermalink, views.publish
 * and the `app_home_opened` event need no scope of their own (Slack's method and event pages).
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'im:write', 'im:history', 'app_mentions:read', 'files:write'];

/**
 * Events: sentences to the bot in a DM, mentions of it in a channel, and the member opening the
 * App Home (« Ma journée »); `app_uninstalled` and `tokens_revoked` (no scope needed) end an
 * OAuth installation (slack-lifecycle.ts). Channel messages in general (`message.channels`) are
 * not subscribed: Relance reads only what is addressed to it.
 */
export const BOT_EVENTS = ['app_home_opened', 'app_mention', 'app_uninstalled', 'message.im', 'tokens_revoked'];

/**
 * Shortcuts. Slack does not localise shortcut names, so each is declared under its French and
 * its English name, with two callback ids (`…_fr` for the French one) that the adapter routes
 * the same way (slack-shortcuts.ts). Slack takes 10 shortcuts per app at most.
 */
export const SHORTCUTS: Array<{ name: string; type: 'message' | 'global'; callback_id: string; description: string }> = [
  { name: 'Journaliser dans Relance', type: 'message', callback_id: 'log_message_fr', description: 'Enregistrer ce message comme activité (appel, e-mail, rendez-vous…), avec un lien vers lui' },
  { name: 'Log in Relance', type: 'message', callback_id: 'log_message', description: 'Log this message as an activity (call, email, meeting…), with a link to it' },
  { name: 'Nouvelle activité', type: 'global', callback_id: 'new_activity_fr', description: 'Enregistrer un appel, un e-mail, un rendez-vous, une démo ou une note' },
  { name: 'New activity', type: 'global', callback_id: 'new_activity', description: 'Record a call, email, meeting, demo or note' },
  { name: 'Nouvelle affaire', type: 'global', callback_id: 'new_deal_fr', description: 'Créer une affaire dans le pipeline' },
  { name: 'New deal', type: 'global', callback_id: 'new_deal', description: 'Create a deal in the pipeline' },
];

/** Slack's limit on shortcuts per app. */
export const MAX_SHORTCUTS = 10;

/** Slack's limit on slash commands per app. */
export const MAX_SLASH_COMMANDS = 50;

export function buildManifest(registry: Registry, options: ManifestOptions): Record<string, unknown> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const url = `${base}/slack/events`;
  const withUrl = options.socketMode ? {} : { url };
  const slashCommands = registry.entries.flatMap((entry) => {
    // Slack allows 50 slash commands per app: each command gets its main French and English
    // names; the other aliases still work as words inside /aide and as Discord names.
    const names = [...new Set([entry.name, entry.aliases.fr[0], entry.aliases.en[0]])].filter((name): name is string => name !== undefined && /^[a-z0-9_-]{1,31}$/.test(name));
    const hintIn = (lang: 'fr' | 'en'): string =>
      isGroup(entry) ? entry.subcommands.map((sub) => sub.aliases[lang][0] ?? sub.name).join(' | ') : (entry.examples[lang][0] ?? '').replace(/^\/\S+\s*/, '');
    return names.map((name) => {
      const french = entry.aliases.fr.includes(name) && !entry.aliases.en.includes(name);
      return {
        command: `/${name}`,
        ...withUrl,
        description: (french ? entry.description.fr : entry.description.en).slice(0, 100),
        usage_hint: hintIn(french ? 'fr' : 'en').slice(0, 1000),
        // Escaped text gives user mentions as <@U…> ids, which the core resolves exactly.
        should_escape: true,
      };
    });
  });
  if (slashCommands.length > MAX_SLASH_COMMANDS) throw new Error(`${slashCommands.length} slash commands: Slack accepts ${MAX_SLASH_COMMANDS} per app`);
  if (SHORTCUTS.length > MAX_SHORTCUTS) throw new Error(`${SHORTCUTS.length} shortcuts: Slack accepts ${MAX_SHORTCUTS} per app`);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Relance',
      description: 'Assistant commercial\u00a0: activités, affaires, pipeline. Sales assistant: activities, deals, pipeline.',
      background_color: '#1d3557',
    },
    features: {
      // The Home tab shows « Ma journée »; the Messages tab stays the DM with the bot.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'Relance', always_online: true },
      shortcuts: SHORTCUTS,
      slash_commands: slashCommands,
    },
    // Where Slack sends the browser back after an install (OAuth mode; unused with one bot token).
    oauth_config: { ...(options.socketMode ? {} : { redirect_urls: [`${base}/slack/oauth_redirect`] }), scopes: { bot: BOT_SCOPES } },
    settings: {
      event_subscriptions: { ...(options.socketMode ? {} : { request_url: url }), bot_events: BOT_EVENTS },
      interactivity: { is_enabled: true, ...(options.socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest committed in the repository: HTTP mode with a placeholder URL to replace. */
export const DEFAULT_MANIFEST_OPTIONS: ManifestOptions = { baseUrl: 'https://relance.example.com', socketMode: false };
