import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createModelClient } from '../../src/understand/model/model-client.ts';
import { startLlmFake, type LlmFake } from '../fakes/llm-server.fake.ts';
import { openHarness, type Harness } from '../support/chat-harness.ts';

// The optional language model (RELANCE_LLM_URL) against a local fake: asked only about what
// the rules could not read, its answer is checked against the registry and still shown for
// confirmation; a model that fails or is slow leaves the rules' answer.

let h: Harness;
let llm: LlmFake;
beforeAll(async () => {
  llm = await startLlmFake();
  const registry = createDefaultRegistry();
  const model = createModelClient({ url: llm.url, registry, timeoutMs: 300, logger: pino({ level: 'silent' }) });
  h = await openHarness({ registry, model });
});
afterAll(async () => {
  await h.close();
  await llm.close();
});
beforeEach(() => llm.reset());

async function withGarnier() {
  const s = await h.session({ role: 'manager' });
  await s.send('/deal new "Garnier renewal" "Garnier Batiment" 48k');
  await s.click(1);
  return s;
}

describe('a language model as a second opinion', () => {
  it('reads what the rules could not, and the write still waits for Save', async () => {
    const s = await withGarnier();
    const id = (await s.send('/deal list')).match(/#(\d+)/)?.[1];
    llm.answer({ content: { command: 'deal won', args: { deal: `#${id}` }, confidence: 0.9 } });
    const shown = await s.say('the builders said banco');
    expect(shown).toContain(`I understood: /deal won #${id}`);
    expect(llm.requests).toHaveLength(1);
    // Only the sentence leaves the machine: no record names, no member.
    const sent = JSON.stringify(llm.requests[0]!.body.messages);
    expect(sent).toContain('the builders said banco');
    expect(sent).not.toContain('Garnier');
  });

  it('is not asked when the rules understood, nor about an unsafe sentence', async () => {
    const s = await withGarnier();
    await s.say('we signed Garnier!');
    await s.say('delete all my deals');
    expect(llm.requests).toHaveLength(0);
  });

  it('a slow, failing or invalid answer leaves the rules’ answer', async () => {
    const s = await withGarnier();
    llm.answer({ content: { command: 'deal won', args: {}, confidence: 0.9 }, delayMs: 2000 });
    expect(await s.say('the builders said banco')).toMatch(/did not understand/);
    llm.answer({ status: 500 });
    expect(await s.say('the builders said banco')).toMatch(/did not understand/);
    llm.answer({ content: { command: 'deal explode', args: {}, confidence: 1 } });
    expect(await s.say('the builders said banco')).toMatch(/did not understand/);
    llm.answer({ content: { command: 'deal amount', args: { deal: '#1', amount: 'lots' }, confidence: 1 } });
    expect(await s.say('the builders said banco')).toMatch(/did not understand/);
  });
});
