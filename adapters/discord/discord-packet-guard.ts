// discord.js builds interactions and messages from the raw gateway packet inside its gateway
// handler, where nothing of ours can catch a throw, and some malformed packets make it throw (an
// unhandled rejection) or cache junk. Listening to its events cannot help: the throw happens
// before the event. So the two actions Relance relies on, InteractionCreate and MessageCreate,
// are wrapped (the one place discord.js internals are touched): the packet is checked with zod
// first (discord-payloads.ts, discord-message-payloads.ts) and a malformed one is dropped with
// one log line; a throw while building a checked one is logged and dropped too.
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { checkMessage } from './discord-message-payloads.ts';
import { briefError, checkInteraction, type CheckedPacket } from './discord-payloads.ts';

interface GuardedAction {
  /** Key of the action in discord.js's `client.actions`. */
  action: string;
  /** Word for the log lines. */
  what: 'interaction' | 'message';
  check: (packet: unknown) => CheckedPacket;
}

const GUARDED: GuardedAction[] = [
  { action: 'InteractionCreate', what: 'interaction', check: checkInteraction },
  { action: 'MessageCreate', what: 'message', check: checkMessage },
];

export function guardGatewayPackets(client: Client, logger: Logger): void {
  const actions = (client as unknown as { actions?: Record<string, { handle: (data: unknown) => unknown }> }).actions;
  for (const { action: name, what, check } of GUARDED) {
    const action = actions?.[name];
    if (!action) throw new Error(`discord.js has no ${name} action to guard (has its layout changed?)`);
    const original = action.handle.bind(action);
    action.handle = (data: unknown) => {
      const checked = check(data);
      if (!checked.ok) {
        logger.warn({ id: checked.id, type: checked.type, problems: checked.problems }, `discord: malformed ${what} dropped`);
        return {};
      }
      try {
        return original(checked.data);
      } catch (error) {
        logger.error({ error: briefError(error), id: checked.data['id'] }, `discord: ${what} could not be read`);
        return {};
      }
    };
  }
}
