// Who is behind a Slack user id: display name, locale and time zone from users.info, cached
// for an hour per workspace and user (platform profile data, not conversation state).
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import type { Logger } from 'pino';
import type { Actor } from '../../src/core/types.ts';

const TTL_MS = 60 * 60 * 1000;

export interface SlackIdentity {
  actor(client: WebClient, tenant: string, userId: string, fallbackName: string | undefined): Promise<Actor>;
}

interface SlackUser {
  name?: string;
  real_name?: string;
  tz?: string;
  locale?: string;
  profile?: { display_name?: string; real_name?: string };
}

export function createSlackIdentity(logger: Logger, now: () => number = Date.now): SlackIdentity {
  const cache = new Map<string, { actor: Actor; expires: number }>();
  return {
    async actor(client, tenant, userId, fallbackName) {
      const key = `${tenant}:${userId}`;
      const hit = cache.get(key);
      if (hit && hit.expires > now()) return hit.actor;
      let actor: Actor = { id: userId, displayName: fallbackName ?? userId };
      try {
        const result = (await client.users.info({ user: userId, include_locale: true })) as { user?: SlackUser };
        const user = result.user;
        if (user) {
          actor = {
            id: userId,
            displayName: user.profile?.display_name || user.real_name || user.profile?.real_name || user.name || fallbackName || userId,
            ...(user.locale ? { locale: user.locale } : {}),
            ...(user.tz ? { timeZone: user.tz } : {}),
          };
        }
      } catch (error) {
        // Without users.info (missing scope, API down) the member still gets served, in the workspace language.
        logger.warn({ err: error, userId }, 'users.info failed');
      }
      cache.set(key, { actor, expires: now() + TTL_MS });
      return actor;
    },
  };
}
