// The App Home « Ma journée » / "My day". When a member opens the Home tab (`app_home_opened`,
// tab `home`), the core is handed a HomeEvent and its reply is published as the member's home
// view (views.publish). After a command, click or submission of a member who opened their home
// in this process, the home is published again, debounced per member: at most one refresh per
// member every `refreshMs` (10 s by default), built when it fires, so the last change wins.
//
// views.publish is Tier 4 (100+ calls a minute per workspace, no scope needed). Home publishes
// go through their own WebClient that never waits inside the client: a 429 is retried once,
// after Retry-After, and then given up with one log line — never a loop, and never the shared
// client's request queue paused for every other call.
import type { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { translate } from '../../src/core/i18n/i18n.ts';
import type { Actor, ConversationRef, EventHandler, Lang, Reply } from '../../src/core/types.ts';
import { renderBlocks, type SlackBlock } from './block-kit.renderer.ts';
import { escapeMrkdwn } from './slack-escape.ts';
import type { SlackIdentity } from './slack-identity.ts';
import { tenantOf, type SlackContext } from './slack-tenant.ts';

type WebClient = webApi.WebClient;

/** Slack's limit on blocks in a Home tab view. */
export const MAX_HOME_BLOCKS = 100;
/** Slack refuses views over 250 kB (`view_too_large`): blocks are dropped to stay under this. */
const MAX_VIEW_BYTES = 240_000;
/** Default time between two refreshes of one member's home. */
export const HOME_REFRESH_MS = 10_000;
/** A Retry-After longer than this is not waited for (the next change or opening publishes anyway). */
const MAX_RETRY_AFTER_MS = 60_000;

/** Catalogue key of the line closing a home cut to Slack's limits. */
export const HOME_CUT_KEY = 'home.cut';

const cutNote = (lang: Lang): SlackBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: escapeMrkdwn(translate(lang, HOME_CUT_KEY)) }],
});

export interface HomeView {
  type: 'home';
  blocks: SlackBlock[];
}

/**
 * A reply as a Home tab view: the Block Kit of messages (forms dropped — a home cannot hold
 * inputs), cut to 100 blocks and under Slack's view size, the last line saying it was cut.
 */
export function renderHome(reply: Reply): HomeView {
  const blocks = renderBlocks(reply);
  const note = cutNote(reply.lang);
  const sizes = blocks.map((block) => Buffer.byteLength(JSON.stringify(block)) + 1);
  const budget = MAX_VIEW_BYTES - Buffer.byteLength(JSON.stringify({ type: 'home', blocks: [note] }));
  let kept = 0;
  let bytes = 0;
  while (kept < blocks.length && bytes + sizes[kept]! <= budget) bytes += sizes[kept++]!;
  if (kept === blocks.length && kept <= MAX_HOME_BLOCKS) return { type: 'home', blocks };
  return { type: 'home', blocks: [...blocks.slice(0, Math.min(kept, MAX_HOME_BLOCKS - 1)), note] };
}

/** A member who opened their home in this process: where it lives and who they are. */
export interface HomeMember {
  /** The App Home's channel (the member's DM with the bot), isDM true. */
  ref: ConversationRef;
  actor: Actor;
}

export interface HomePublisherOptions {
  /** Runs the core without letting an error escape. */
  dispatch: EventHandler;
  /**
   * A WebClient with no retries that rejects rate-limited calls (see above), or, when each
   * workspace has its own token (OAuth installs), the one for a Relance workspace id.
   */
  client: WebClient | ((workspaceId: string) => Promise<WebClient>);
  logger: Logger;
  /** Time between two refreshes of one member's home (10 s by default; tests shorten it). */
  refreshMs?: number;
}

export interface HomePublisher {
  /** The member opened their home: remember them, publish it now. */
  opened(member: HomeMember, idempotencyKey: string): Promise<void>;
  /** The member did something (command, click, submission): refresh their home later, if they opened it. */
  changed(workspaceId: string, actor: Actor): void;
  /** Clears every pending timer; nothing is published after. */
  stop(): void;
}

/** Seconds Slack asked to wait when a call was refused with a 429, else undefined. */
function retryAfterOf(error: unknown): number | undefined {
  const { code, retryAfter } = error as { code?: string; retryAfter?: number };
  return code === 'slack_webapi_rate_limited_error' && typeof retryAfter === 'number' ? retryAfter : undefined;
}

export function createHomePublisher(options: HomePublisherOptions): HomePublisher {
  const { dispatch, client, logger } = options;
  const refreshMs = options.refreshMs ?? HOME_REFRESH_MS;
  const members = new Map<string, HomeMember>();
  /** Pending refreshes, one per member at most. */
  const refreshes = new Map<string, ReturnType<typeof setTimeout>>();
  /** Waits for a Retry-After, so stop() can end them. */
  const waits = new Map<ReturnType<typeof setTimeout>, () => void>();
  /** Publishes of one member run one after the other, so the last asked is the last shown. */
  const chains = new Map<string, Promise<void>>();
  let stopped = false;
  let refreshCount = 0;

  const keyOf = (workspaceId: string, userId: string): string => `${workspaceId}:${userId}`;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  async function publishView(workspaceId: string, userId: string, view: HomeView): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const api = typeof client === 'function' ? await client(workspaceId) : client;
        await api.views.publish({ user_id: userId, view: view as never });
        return;
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter === undefined || attempt > 0 || retryAfter * 1000 > MAX_RETRY_AFTER_MS || stopped) {
          logger.warn({ err: error, userId, retryAfter, attempt: attempt + 1 }, 'slack: views.publish failed; the home stays as it was until the next change or opening');
          return;
        }
        await wait(retryAfter * 1000);
        if (stopped) return;
      }
    }
  }

  async function publish(member: HomeMember, idempotencyKey: string): Promise<void> {
    const replies: Reply[] = [];
    await dispatch({ kind: 'home', ref: member.ref, actor: member.actor, idempotencyKey }, async (reply) => {
      replies.push(reply);
    });
    if (stopped) return;
    const last = replies.at(-1);
    if (!last) {
      logger.debug({ userId: member.ref.userId }, 'slack: the core gave no home');
      return;
    }
    const view = renderHome({ ...last, blocks: replies.flatMap((reply) => reply.blocks) });
    if (view.blocks.length === 0) return;
    await publishView(member.ref.workspaceId, member.ref.userId, view);
  }

  const enqueue = (key: string, member: HomeMember, idempotencyKey: string): Promise<void> => {
    const next = (chains.get(key) ?? Promise.resolve()).then(() => (stopped ? undefined : publish(member, idempotencyKey)));
    const settled = next.catch((error: unknown) => logger.error({ err: error, userId: member.ref.userId }, 'slack: home publish failed'));
    chains.set(key, settled);
    void settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return settled;
  };

  return {
    opened(member, idempotencyKey) {
      if (stopped) return Promise.resolve();
      const key = keyOf(member.ref.workspaceId, member.ref.userId);
      members.set(key, member);
      // Publishing now shows every change so far: a pending refresh has nothing left to add.
      const pending = refreshes.get(key);
      if (pending) clearTimeout(pending);
      refreshes.delete(key);
      return enqueue(key, member, idempotencyKey);
    },
    changed(workspaceId, actor) {
      if (stopped) return;
      const key = keyOf(workspaceId, actor.id);
      const member = members.get(key);
      if (!member) return;
      member.actor = actor;
      if (refreshes.has(key)) return;
      const timer = setTimeout(() => {
        refreshes.delete(key);
        void enqueue(key, member, `slack:home:refresh:${actor.id}:${Date.now()}:${++refreshCount}`);
      }, refreshMs);
      timer.unref?.();
      refreshes.set(key, timer);
    },
    stop() {
      stopped = true;
      for (const timer of refreshes.values()) clearTimeout(timer);
      refreshes.clear();
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
    },
  };
}

export interface HomeListenerDeps {
  identity: SlackIdentity;
  home: HomePublisher;
}

/** `app_home_opened` on the Home tab → the member's home, published. The Messages tab is the DM: nothing to do. */
export function registerHomeListener(app: App, deps: HomeListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    const opened = event as { user?: unknown; channel?: unknown; tab?: unknown; event_ts?: unknown };
    // Over HTTP the payload is validated already; in Socket Mode it is not: checked cheaply here.
    if (opened.tab !== 'home' || typeof opened.user !== 'string' || typeof opened.channel !== 'string' || typeof opened.event_ts !== 'string') return;
    const tenant = tenantOf(context as SlackContext, (body as { team_id?: string }).team_id);
    const actor = await deps.identity.actor(client, tenant, opened.user, undefined);
    const ref: ConversationRef = { platform: 'slack', workspaceId: tenant, channelId: opened.channel, userId: opened.user, isDM: true };
    await deps.home.opened({ ref, actor }, `slack:home:${opened.event_ts}`);
  });
}
