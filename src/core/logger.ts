// Structured logs go to stderr so the console adapter's stdout stays clean for replies
// (and for `--json` consumers).
import { pino, type DestinationStream, type Logger } from 'pino';
import { requestIdMixin } from '../ops/request-context.ts';

/**
 * The process's logger. Every line written while a request is being worked on carries its
 * `reqId` (from the async context, see src/ops/request-context.ts), whoever writes it.
 */
export function createLogger(level = process.env['LOG_LEVEL'] ?? 'info', destination: DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { app: 'relance' }, mixin: requestIdMixin }, destination);
}
