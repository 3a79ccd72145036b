// Whether a database failure is about the connection rather than the statement: the server went
// away, the pool was closed, a failover, a serialization conflict. Work that failed this way is
// worth doing again later (the inbox retries it); a constraint or a syntax error is not.
const CONNECTION_CODES = new Set(['CONNECTION_ENDED', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
// SQLSTATE: 08 connection exception, 57P01-03 server shutting down, 40001/40P01 retry the transaction.
const RETRYABLE_STATES = /^(08\d{3}|57P0[123]|40001|40P01)$/;

export function isTransientDatabaseError(error: unknown): boolean {
  // Drizzle wraps the driver's error (DrizzleQueryError.cause); look a few levels down.
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || RETRYABLE_STATES.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
