// What the pacer needs to know about a send made by the outbox (reminders, digests), carried
// without changing the adapters' `send(ref, reply)`: that it is a job's send (Discord paces
// those per channel; replies rely on @discordjs/rest's own buckets), and the instant it must
// have started by: a reminder's `notAfter`, the end of the member's working hours.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface OutboxSend {
  /** Give up rather than start after this instant (ms since the epoch, Date.now's clock). */
  deadline?: number;
}

const scope = new AsyncLocalStorage<OutboxSend>();

/** Runs an outbox send: every paced call inside it knows it is one, and its deadline. */
export function withOutboxSend<T>(send: OutboxSend, run: () => Promise<T>): Promise<T> {
  return scope.run(send, run);
}

/** The outbox send in progress, if any. */
export function currentOutboxSend(): OutboxSend | undefined {
  return scope.getStore();
}
