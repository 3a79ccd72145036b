// PostgreSQL refuses U+0000 in jsonb and in text: a payload carrying one, in any string or key,
// could not be recorded in the inbox, and a command would fail at its first insert for a
// character no one can see. The inbox records payloads without it, and the core takes it out of
// every event's texts (core/bot.ts), whatever the adapter.

/**
 * The value with every U+0000 taken out of its strings and keys: a copy of what held one, the
 * value itself (not copied) when nothing did, which is every ordinary event.
 */
export function withoutNul<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) {
    const items = value.map(strip);
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const stripped = entries.map(([key, inner]): [string, unknown] => [key.replaceAll('\u0000', ''), strip(inner)]);
    return stripped.every(([key, inner], index) => key === entries[index]![0] && inner === entries[index]![1]) ? value : Object.fromEntries(stripped);
  }
  return value;
}
