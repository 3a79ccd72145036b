// The request id of the work being done now, carried through every await by AsyncLocalStorage:
// the HTTP server runs each handler inside `runWithRequestId`, the inbox runs each replay inside
// it, and the logger's mixin reads it, so every log line of a request's work (acknowledgement,
// Bolt listeners, the core, replies) carries `reqId` without any caller passing it along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

const store = new AsyncLocalStorage<string>();

/** What a proxy may hand us in `x-request-id`: short, and safe to print in a log line. */
const SANE_REQUEST_ID = /^[\w.-]{1,64}$/;

/** A fresh request id. */
export const newRequestId = (): string => randomUUID();

/** The given id when it is a sane token (≤ 64 characters of letters, digits, `_`, `.`, `-`), else a new one. */
export const requestIdFrom = (given: string | string[] | undefined): string => (typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : newRequestId());

/** Runs `fn` with `id` as the current request id, for everything it awaits or schedules. */
export const runWithRequestId = <T>(id: string, fn: () => T): T => store.run(id, fn);

/** The request id of the work running now, if any. */
export const currentRequestId = (): string | undefined => store.getStore();

// Loggers whose bindings already carry `reqId` (a child made with it): the mixin leaves them
// alone, so a line never has the key twice. A logger's bindings do not change, so the answer is
// kept per logger instead of parsing its bindings on every line.
const bindsRequestId = new WeakMap<object, boolean>();

/** pino `mixin`: adds `reqId` from the current request to every line (see createLogger). */
export function requestIdMixin(_merge: object, _level: number, logger?: Logger): Record<string, string> {
  const id = store.getStore();
  if (id === undefined) return {};
  if (logger) {
    let binds = bindsRequestId.get(logger);
    if (binds === undefined) {
      binds = 'reqId' in logger.bindings();
      bindsRequestId.set(logger, binds);
    }
    if (binds) return {};
  }
  return { reqId: id };
}
