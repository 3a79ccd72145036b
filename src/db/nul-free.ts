// PostgreSQL refuses U+0000 in jsonb and in text: a payload carrying one, in any string or key,
// could not be recorded in the inbox, and a command would fail at its first insert for a
// character no one can see. The inbox records payloads without it, and the core takes it out of
// every event's texts (core/bot.ts), whatever the adapter.

/** The value with every U+0000 taken out of its strings and keys (a copy; the rest unchanged). */
export function withoutNul<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replaceAll('\u0000', ''), strip(inner)]));
  }
  return value;
}
