// The instant a send must have started by, carried to the pacer without changing the adapters'
// `send(ref, reply)`: the outbox knows a reminder's `notAfter` (the end of the member's working
// hours), the pacer deep inside an adapter decides whether the call could still leave in time.
import { AsyncLocalStorage } from 'node:async_hooks';

const deadlines = new AsyncLocalStorage<number>();

/** Runs `send` with a deadline (ms since the epoch, Date.now's clock) for every paced call inside it. */
export function withSendDeadline<T>(deadline: number, send: () => Promise<T>): Promise<T> {
  return deadlines.run(deadline, send);
}

/** The deadline of the send in progress, if any. */
export function currentSendDeadline(): number | undefined {
  return deadlines.getStore();
}
