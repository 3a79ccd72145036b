// discord.js builds interactions and messages from the raw gateway packet inside its gateway
// handler, where nothing of ours can catch a throw, and some malformed packets make it throw (an
// unhandled rejection: the process stops) or cache junk. discord.js 14.28 still does:
// InteractionCreateAction reads `data.channel` and `data.data.type` unchecked, so `d: null` or an
// interaction without `data` throws. Listening to its events cannot help: `Events.Raw` is emitted
// with the packet just before the handler runs, and the throw happens before any other event.
//
// The supported way in is the one discord.js documents for changing how shards are run: the
// client option `ws.buildStrategy`, which builds the sharding strategy of @discordjs/ws (re-exported
// by discord.js). Ours is its SimpleShardingStrategy, handed a view of the manager whose `emit` —
// the one call through which every shard's packets reach discord.js — checks the packets Relance
// relies on with zod first (discord-payloads.ts, discord-message-payloads.ts): a malformed one is
// dropped with one log line, a checked one goes on with the defaults zod filled in. A throw while
// discord.js reads any packet is caught there too and logged, instead of stopping the process.
// No discord.js internal is replaced or patched.
import { SimpleShardingStrategy, type IShardingStrategy, type WebSocketOptions } from 'discord.js';
import type { Logger } from 'pino';
import { checkMessage } from './discord-message-payloads.ts';
import { briefError, checkInteraction, type CheckedPacket } from './discord-payloads.ts';

/** The @discordjs/ws manager discord.js builds the strategy for. */
type ShardManager = Parameters<NonNullable<WebSocketOptions['buildStrategy']>>[0];

interface GuardedEvent {
  /** Word for the log lines. */
  what: 'interaction' | 'message';
  check: (packet: unknown) => CheckedPacket;
}

/** Checked before discord.js reads them, by gateway event name. */
const GUARDED: Record<string, GuardedEvent> = {
  INTERACTION_CREATE: { what: 'interaction', check: checkInteraction },
  MESSAGE_CREATE: { what: 'message', check: checkMessage },
};

/**
 * @discordjs/ws's WebSocketShardEvents.Dispatch (discord.js exports its own enum of that name,
 * without it): the event every gateway packet with an event name travels by.
 */
const DISPATCH = 'dispatch';

interface DispatchPayload {
  data: { t?: unknown; d?: unknown } & Record<string, unknown>;
  shardId: number;
}

/** The `ws.buildStrategy` client option: shards run as usual, their packets checked on the way to discord.js. */
export function checkedShardingStrategy(logger: Logger): (manager: ShardManager) => IShardingStrategy {
  return (manager) => new SimpleShardingStrategy(guardedManager(manager, logger));
}

/** The manager as the strategy sees it: the same object, except that dispatched packets are checked. */
function guardedManager(manager: ShardManager, logger: Logger): ShardManager {
  const emit = (event: string, payload: unknown): boolean => {
    if (event !== DISPATCH) return (manager.emit as (event: string, payload: unknown) => boolean)(event, payload);
    const dispatch = payload as DispatchPayload;
    const name = typeof dispatch.data?.t === 'string' ? dispatch.data.t : undefined;
    const guarded = name ? GUARDED[name] : undefined;
    let data = dispatch.data;
    if (guarded) {
      const checked = guarded.check(data.d);
      if (!checked.ok) {
        logger.warn({ id: checked.id, type: checked.type, problems: checked.problems }, `discord: malformed ${guarded.what} dropped`);
        return false;
      }
      data = { ...data, d: checked.data };
    }
    try {
      return (manager.emit as (event: string, payload: unknown) => boolean)(event, { ...dispatch, data });
    } catch (error) {
      const id = (data.d as { id?: unknown } | null | undefined)?.id;
      logger.error({ error: briefError(error), event: name?.slice(0, 40), id: typeof id === 'string' ? id.slice(0, 25) : undefined }, `discord: ${guarded?.what ?? 'gateway event'} could not be read`);
      return false;
    }
  };
  // Everything else is the manager's own (methods bound to it: they may use private fields).
  return new Proxy(manager, {
    get(target, key) {
      if (key === 'emit') return emit;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
