// The language-model fallback against a local fake OpenAI-compatible server: what is sent, which
// answers become proposals, and that every failure is one warning and undefined, never a throw.
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { isGroup } from '../../src/core/registry.ts';
import { createModelClient, type ModelInput } from '../../src/understand/model/model-client.ts';
import { createModelConfig } from '../../src/understand/model/model-config.ts';
import { buildAnswerJsonSchema, modelCommands, readModelAnswer } from '../../src/understand/model/model-schema.ts';
import { startLlmFake, type LlmFake } from '../fakes/llm-server.fake.ts';

const registry = createDefaultRegistry();
const input: ModelInput = { sentence: 'J’ai appelé Durand chez Acme, à rappeler jeudi', lang: 'fr', today: '2026-12-07', timeZone: 'Europe/Paris' };
const logAnswer = {
  command: 'log',
  args: { type: 'call', target: null, deal: null, company: 'Acme', contact: 'Durand', direction: null, outcome: null, duration: null, on: null, next: 'rappeler', due: 'jeudi', notes: null },
  confidence: 0.9,
};

let fake: LlmFake;
let logs: string[];
const client = (options: { apiKey?: string; timeoutMs?: number } = {}) =>
  createModelClient({ url: fake.url, model: 'test-model', registry, logger: pino({ level: 'info' }, { write: (line: string) => logs.push(line) }), ...options });
const warnings = () => logs.map((line) => JSON.parse(line) as { level: number; reason: string; msg: string }).filter((entry) => entry.level === 40);

beforeAll(async () => {
  fake = await startLlmFake();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  logs = [];
});

describe('model answer schema', () => {
  it('lists every command path but the ones answering a question, each with its own arguments', () => {
    const expected = registry.entries.flatMap((entry) => (isGroup(entry) ? entry.subcommands.map((sub) => ({ path: `${entry.name} ${sub.name}`, sub })) : [{ path: entry.name, sub: entry }]));
    const branches = (buildAnswerJsonSchema(registry)['anyOf'] as any[]).filter((branch) => branch.properties.command.enum);
    const paths = branches.map((branch) => branch.properties.command.enum[0]);
    expect(paths).toEqual(expected.filter(({ sub }) => !sub.answersQuestion).map(({ path }) => path));
    expect(paths).toContain('deal won');
    expect(paths).not.toContain('answer');
    for (const { path, sub } of expected.filter(({ sub }) => !sub.answersQuestion)) {
      const args = branches.find((branch) => branch.properties.command.enum[0] === path).properties.args;
      expect(Object.keys(args.properties), path).toEqual(sub.args.map((arg: { name: string }) => arg.name));
      expect(args.additionalProperties).toBe(false);
    }
    const lost = branches.find((branch) => branch.properties.command.enum[0] === 'deal lost');
    expect(lost.properties.args.properties.reason.enum).toEqual(['price', 'timing', 'competitor', 'no_need', 'no_budget', 'no_decision', 'other', null]);
    expect(lost.properties.args.properties.reason.description).toMatch(/reason/i);
  });

  it('accepts an answer built from each command’s first argument', () => {
    for (const { path, command } of modelCommands(registry)) {
      const first = command.args[0];
      const args = first ? { [first.name]: first.kind === 'enum' ? first.choices![0]!.value : first.example.en.slice(0, 200) } : {};
      expect(readModelAnswer(registry, { command: path, args, confidence: 0.5 }), path).toEqual({ path: path.split(' '), args, confidence: 0.5 });
    }
  });

  it('refuses what does not fit the registry', () => {
    const bad = [
      null,
      'log',
      { command: 'deal sing', args: {}, confidence: 1 },
      { command: 'answer', args: { text: 'oui' }, confidence: 1 },
      { command: 'deal lost', args: { deal: 'Acme', reason: 'weather' }, confidence: 1 },
      { command: 'deal won', args: { deal: 'Acme', amount: '15k' }, confidence: 1 },
      { command: 'deal won', args: { deal: 'x'.repeat(201) }, confidence: 1 },
      { command: 'deal won', args: { deal: 'Acme' }, confidence: 1.5 },
      { command: 'deal won', args: { deal: 12 }, confidence: 1 },
    ];
    for (const answer of bad) expect(readModelAnswer(registry, answer), JSON.stringify(answer)).toBeUndefined();
  });
});

describe('model client', () => {
  it('sends the sentence, the schema and the key, and returns the proposal without the empty arguments', async () => {
    fake.answer({ content: logAnswer });
    const proposal = await client({ apiKey: 'sk-test' }).propose(input);
    expect(proposal).toEqual({ path: ['log'], args: { type: 'call', company: 'Acme', contact: 'Durand', next: 'rappeler', due: 'jeudi' }, confidence: 0.9 });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.headers['authorization']).toBe('Bearer sk-test');
    const body = request!.body;
    expect(body.model).toBe('test-model');
    expect(body.temperature).toBe(0);
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'relance_command', strict: true, schema: buildAnswerJsonSchema(registry) } });
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).toMatch(/never invent records/i);
    expect(JSON.parse(body.messages[1].content)).toEqual({ sentence: input.sentence, lang: 'fr', today: '2026-12-07' });
    expect(warnings()).toEqual([]);
  });

  it('reads a null command as no proposal, and sends no authorization without a key', async () => {
    fake.answer({ content: { command: null, args: {}, confidence: 0.2 } });
    expect(await client().propose({ ...input, sentence: 'Bonjour !' })).toEqual({ path: null });
    expect(fake.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('reads a subcommand path', async () => {
    fake.answer({ content: '```json\n{"command":"deal lost","args":{"deal":"Acme","reason":"price","note":null},"confidence":0.8}\n```' });
    expect(await client().propose({ ...input, sentence: 'On a perdu Acme, trop cher', lang: 'fr' })).toEqual({ path: ['deal', 'lost'], args: { deal: 'Acme', reason: 'price' }, confidence: 0.8 });
  });

  const failures: Array<[string, Parameters<LlmFake['answer']>[0], RegExp]> = [
    ['content that is not JSON', { content: 'Sure! The command is /log call' }, /content is not JSON/],
    ['a body that is not JSON', { raw: '<html>Bad gateway</html>' }, /response is not JSON/],
    ['no choices', { raw: '{"error":"model loading"}' }, /no message content/],
    ['a command that does not exist', { content: { command: 'deal sing', args: {}, confidence: 1 } }, /does not fit/],
    ['an enum value out of range', { content: { command: 'deal lost', args: { deal: 'Acme', reason: 'weather', note: null }, confidence: 1 } }, /does not fit/],
    ['an extra argument', { content: { command: 'deal won', args: { deal: 'Acme', amount: '15k' }, confidence: 1 } }, /does not fit/],
    ['a 500', { status: 500, raw: '{"error":"boom"}' }, /HTTP 500/],
  ];
  for (const [what, answer, reason] of failures) {
    it(`gives undefined and one warning for ${what}`, async () => {
      fake.answer(answer);
      await expect(client().propose(input)).resolves.toBeUndefined();
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]!.reason).toMatch(reason);
      // The member's sentence never goes to the logs.
      expect(logs.join('')).not.toContain('Durand');
    });
  }

  it('gives up after the timeout', async () => {
    fake.answer({ content: logAnswer, delayMs: 3000 });
    const started = Date.now();
    await expect(client({ timeoutMs: 200 }).propose(input)).resolves.toBeUndefined();
    // Generous bound: the point is that it does not wait for the 3 s answer.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.reason).toMatch(/timed out after 200 ms/);
  });

  it('gives undefined and a warning when nothing listens', async () => {
    const closed = await startLlmFake();
    await closed.close();
    await expect(createModelClient({ url: closed.url, registry, logger: pino({ level: 'info' }, { write: (line: string) => logs.push(line) }) }).propose(input)).resolves.toBeUndefined();
    expect(warnings()[0]!.reason).toMatch(/request failed/);
  });
});

describe('model config', () => {
  it('is off, and nothing is sent, when RELANCE_LLM_URL is unset or empty', () => {
    expect(createModelConfig({})).toBeUndefined();
    expect(createModelConfig({ RELANCE_LLM_URL: '', RELANCE_LLM_KEY: 'sk-test' })).toBeUndefined();
    expect(fake.requests).toEqual([]);
  });

  it('reads the URL, key, model and timeout', () => {
    expect(createModelConfig({ RELANCE_LLM_URL: 'http://localhost:8080/v1/chat/completions' })).toEqual({ url: 'http://localhost:8080/v1/chat/completions' });
    expect(createModelConfig({ RELANCE_LLM_URL: 'https://llm.example/v1/chat/completions', RELANCE_LLM_KEY: 'sk-test', RELANCE_LLM_MODEL: 'qwen', RELANCE_LLM_TIMEOUT_MS: '2500' })).toEqual({
      url: 'https://llm.example/v1/chat/completions',
      apiKey: 'sk-test',
      model: 'qwen',
      timeoutMs: 2500,
    });
  });

  it('refuses a URL that is not http or https, and a bad timeout', () => {
    expect(() => createModelConfig({ RELANCE_LLM_URL: 'ftp://llm.example/v1' })).toThrow(/RELANCE_LLM_URL/);
    expect(() => createModelConfig({ RELANCE_LLM_URL: 'localhost:8080' })).toThrow(/RELANCE_LLM_URL/);
    expect(() => createModelConfig({ RELANCE_LLM_URL: 'http://localhost:8080/v1/chat/completions', RELANCE_LLM_TIMEOUT_MS: 'soon' })).toThrow(/RELANCE_LLM_TIMEOUT_MS/);
  });
});
