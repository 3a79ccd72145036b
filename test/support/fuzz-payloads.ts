// Seeded generators of malformed platform payloads for test/adapters/fuzz.test.ts: valid
// Slack and Discord payloads (from the fixtures) with fields deleted or replaced by junk
// (wrong types, null, arrays, nested junk, strings up to 100,000 characters), and junk in
// place of the whole payload. fast-check's `sample` with a fixed seed makes every run send
// the same requests.
import fc from 'fast-check';

/** Lengths around the limits a boundary might check, up to 100,000 characters. */
const LENGTHS = [0, 1, 2, 33, 255, 256, 2049, 3001, 40_001, 100_000];
const FILLERS = ['x', '<', '&', '*', '1', 'é', '😀', '\u0000', '"', '\\', ' ', '::'];

/** A string, sometimes huge; never one that looks like a URL (replies must stay on loopback). */
export const junkString: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...LENGTHS), fc.constantFrom(...FILLERS)).map(([n, c]) => c.repeat(n).slice(0, 100_000)) },
  )
  .filter((s) => !/^\s*[a-z][a-z0-9+.-]*:/i.test(s));

const deepNest = fc.integer({ min: 20, max: 400 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** Any JSON value likely to upset a parser: wrong types, null, arrays, nested junk, huge strings. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: junkString },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1, 0, 2 ** 53, 1e308)) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
  { weight: 1, arbitrary: deepNest },
);

type Path = Array<string | number>;

/** Every path to a value inside a JSON object (objects and arrays included), in a stable order. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

export interface Mutation {
  at: number;
  op: 'delete' | 'replace' | 'add';
  value: unknown;
  key: string;
}

const mutations = fc.array(
  fc.record({ at: fc.nat(), op: fc.constantFrom<Mutation['op']>('delete', 'replace', 'replace', 'add'), value: junkValue, key: fc.constantFrom('x', 'type', 'user', 'event', 'actions', 'command', 'name', 'data', 'item', 'function_data', '__proto__', 'constructor') }),
  { minLength: 1, maxLength: 3 },
);

/** A deep copy of `base` with the mutations applied (paths are taken from the copy as it changes). */
export function mutate<T>(base: T, list: Mutation[]): unknown {
  let copy: unknown = structuredClone(base);
  for (const m of list) {
    const paths = pathsOf(copy);
    if (paths.length === 0) return m.value;
    const path = paths[m.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
    const key = path.at(-1)!;
    if (m.op === 'add') {
      const target = parent[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      else parent[key] = m.value;
    } else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      parent[key] = m.value;
    }
  }
  return copy;
}

/** One HTTP request to the Slack adapter: body and content type (it gets signed by the test). */
export interface SlackCase {
  kind: 'form' | 'interactivity' | 'events' | 'raw';
  body: string;
  contentType: string;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** A form body from mutated fields: strings as they are, arrays as repeated keys, anything else as JSON text. */
function formOf(fields: unknown): string {
  const params = new URLSearchParams();
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    params.append('junk', JSON.stringify(fields) ?? '');
    return params.toString();
  }
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') params.append(key, value);
    else if (Array.isArray(value)) for (const item of value) params.append(key, typeof item === 'string' ? item : JSON.stringify(item));
    else params.append(key, JSON.stringify(value) ?? '');
  }
  return params.toString();
}

export interface SlackBases {
  /** Slash-command fields, as Slack sends them. */
  slash: Record<string, string>;
  blockActions: Record<string, unknown>;
  viewSubmission: Record<string, unknown>;
  /** An Events API body carrying a message event. */
  event: Record<string, unknown>;
}

export function slackCases(bases: SlackBases, count: number, seed: number): SlackCase[] {
  const topLevelJunk = fc.oneof(junkValue, fc.constantFrom<unknown>(null, [], {}, 0, '', 'null', [null], { type: null }, { type: 'event_callback' }, { type: 'url_verification' }, { type: 'block_actions' }, { type: 'view_submission', view: null }, { event: 'x' }, { command: ['/a'] }));
  const arbitrary: fc.Arbitrary<SlackCase> = fc.oneof(
    { weight: 3, arbitrary: mutations.map((m) => ({ kind: 'form' as const, body: formOf(mutate(bases.slash, m)), contentType: FORM })) },
    {
      weight: 2,
      arbitrary: mutations.map((m) => ({ kind: 'interactivity' as const, body: new URLSearchParams({ payload: JSON.stringify(mutate(bases.blockActions, m)) ?? 'null' }).toString(), contentType: FORM })),
    },
    {
      weight: 2,
      arbitrary: mutations.map((m) => ({ kind: 'interactivity' as const, body: new URLSearchParams({ payload: JSON.stringify(mutate(bases.viewSubmission, m)) ?? 'null' }).toString(), contentType: FORM })),
    },
    { weight: 2, arbitrary: mutations.map((m) => ({ kind: 'events' as const, body: JSON.stringify(mutate(bases.event, m)) ?? 'null', contentType: JSON_TYPE })) },
    {
      weight: 1,
      arbitrary: fc.tuple(topLevelJunk, fc.constantFrom('json', 'payload', 'form-junk')).map(([value, how]) => {
        if (how === 'json') return { kind: 'raw' as const, body: JSON.stringify(value) ?? 'null', contentType: JSON_TYPE };
        if (how === 'payload') return { kind: 'raw' as const, body: new URLSearchParams({ payload: JSON.stringify(value) ?? 'null' }).toString(), contentType: FORM };
        return { kind: 'raw' as const, body: formOf(value), contentType: FORM };
      }),
    },
    { weight: 1, arbitrary: fc.tuple(junkString, fc.constantFrom(FORM, JSON_TYPE, 'text/plain')).map(([body, contentType]) => ({ kind: 'raw' as const, body, contentType })) },
  );
  return fc.sample(arbitrary, { seed, numRuns: count });
}

/** `count` seeded mutations of one payload, for kinds the mixed generator above does not send (shortcuts, app_home_opened). */
export function mutatedPayloads(base: Record<string, unknown>, count: number, seed: number): unknown[] {
  return fc.sample(
    mutations.map((m) => mutate(base, m)),
    { seed, numRuns: count },
  );
}

/** INTERACTION_CREATE `d` objects: mutated fixtures, and junk instead of the whole object. */
export function discordCases(bases: Array<Record<string, unknown>>, count: number, seed: number): unknown[] {
  const arbitrary = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.nat(), mutations).map(([i, m]) => mutate(bases[i % bases.length], m)) },
    { weight: 1, arbitrary: fc.oneof(junkValue, fc.constantFrom<unknown>(null, [], {}, { type: 2 }, { type: 3, data: null }, { type: 5, data: { components: 'x' } })) },
  );
  return fc.sample(arbitrary, { seed, numRuns: count });
}
