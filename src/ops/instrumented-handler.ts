// Counts and times every event the core handles, whichever adapter hands it over. The `command`
// label is the command path from the registry (`deal new`, `log`), `unknown` for a word that
// names no command, or the event kind for anything but a command: a bounded set, never what a
// member typed. `failed` means the core threw (it answers members' mistakes itself).
import type { Registry } from '../core/registry.ts';
import { isGroup } from '../core/registry.ts';
import type { EventHandler, IncomingEvent } from '../core/types.ts';
import { commandDuration, commandsTotal, dbQueriesInFlight } from './metrics.ts';

export interface InstrumentedHandler extends EventHandler {
  /** Events being handled now. */
  inFlight(): number;
  /** Resolves true once no event is being handled, false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** The metric label for an event (see the file comment). */
export function commandLabel(event: IncomingEvent, registry?: Registry): string {
  if (event.kind !== 'command') return event.kind;
  if (!registry) return 'command';
  const entry = event.name.length <= 100 ? registry.find(event.name) : undefined;
  if (!entry) return 'unknown';
  if (!isGroup(entry)) return entry.name;
  const word = /^\s*(\S{1,40})(?:\s|$)/u.exec(event.text)?.[1];
  const sub = word === undefined ? undefined : registry.findSub(entry, word);
  return sub ? `${entry.name} ${sub.name}` : entry.name;
}

export function instrumentHandler(handler: EventHandler, options: { registry?: Registry } = {}): InstrumentedHandler {
  // Events in the core: a shutdown waits for them before it closes the database, whatever
  // adapter delivered them (HTTP, Socket Mode, the Discord gateway).
  const running = new Set<Promise<void>>();
  const instrumented = (async (event, respond) => {
    const command = commandLabel(event, options.registry);
    const started = performance.now();
    dbQueriesInFlight.inc();
    const work = (async () => handler(event, respond))();
    running.add(work);
    try {
      await work;
      commandsTotal.inc({ command, outcome: 'ok' });
    } catch (error) {
      commandsTotal.inc({ command, outcome: 'failed' });
      throw error;
    } finally {
      running.delete(work);
      dbQueriesInFlight.dec();
      commandDuration.observe({ command }, (performance.now() - started) / 1000);
    }
  }) as InstrumentedHandler;
  instrumented.inFlight = () => running.size;
  instrumented.drain = async (timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
    return true;
  };
  return instrumented;
}
