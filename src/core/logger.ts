// Structured logs go to stderr so the console adapter's stdout stays clean for replies
// (and for `--json` consumers).
import { pino, type Logger } from 'pino';

export function createLogger(level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ level, base: { app: 'relance' } }, pino.destination(2));
}
