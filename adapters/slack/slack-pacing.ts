// Slack calls through the pacer (src/delivery/pacer.ts): the keys Slack's limits apply to and
// the workspace a client speaks for. Slack limits "per API method per workspace per app", and
// chat.postMessage per channel as well, so a key names the workspace (the client's scope), the
// method and, for posts, the channel.
import type { webApi } from '@slack/bolt';
import type { Pacer } from '../../src/delivery/pacer.ts';
import { sharedPacer } from '../../src/delivery/shared-pacer.ts';

type WebClient = webApi.WebClient;

/**
 * Each client holds one bot token, and a token is one app in one workspace: the scope of its
 * limits. Named after the first workspace it was used for (readable keys), else numbered; a
 * client keeps its scope, so a 429 seen on the client (slack-client-metrics.ts) pauses the keys
 * its calls were paced on.
 */
const scopes = new WeakMap<object, string>();
let unnamed = 0;

export function slackScope(client: WebClient, team?: string): string {
  let scope = scopes.get(client);
  if (!scope) {
    scope = team && /^[A-Za-z0-9_-]+$/.test(team) ? team : `client${++unnamed}`;
    scopes.set(client, scope);
  }
  return scope;
}

/** Methods paced as one: files.uploadV2 makes these calls under the hood. */
const PACED_AS: Record<string, string> = {
  'files.getUploadURLExternal': 'files.uploadV2',
  'files.completeUploadExternal': 'files.uploadV2',
};

/** The pacer keys of one call: a post waits for its channel, then for the workspace's posting budget. */
export function slackPacingKeys(scope: string, method: string, channel?: string): string[] {
  const paced = PACED_AS[method] ?? method;
  if (paced !== 'chat.postMessage') return [`slack:${scope}:${paced}`];
  return channel ? [`slack:${scope}:chat.postMessage:${channel}`, `slack:${scope}:chat.postMessage`] : [`slack:${scope}:chat.postMessage`];
}

export interface SlackPacing {
  /** The workspace (team or enterprise id) the call is for, when the caller knows it. */
  team?: string;
  /** Another pacer than the process's (tests). */
  pacer?: Pacer;
}

/** Runs one Web API call when its keys allow it. `times` takes several slots (an upload of several files). */
export function pacedSlackCall<T>(client: WebClient, method: string, channel: string | undefined, call: () => Promise<T>, pacing: SlackPacing = {}, times = 1): Promise<T> {
  const keys = slackPacingKeys(slackScope(client, pacing.team), method, channel);
  const slots = times <= 1 ? keys : [...Array.from({ length: times - 1 }, () => keys[0]!), ...keys];
  return (pacing.pacer ?? sharedPacer()).run(slots, call);
}
