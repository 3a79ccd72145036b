// The optional language-model fallback: when the rules cannot read a sentence, an
// OpenAI-compatible chat-completions server (llama.cpp, vLLM, Ollama, a hosted API) is asked to
// map it onto one command of the registry. It only proposes: the answer is checked against the
// registry here, and the bot still reads every value with its own parsers.
//
// Privacy: the sentence is the only member text that leaves the machine, with its language and
// today's date. No record names, member ids, workspace data or time zone are sent: the model
// returns words from the sentence, and matching them to records happens locally.
import pino, { type Logger } from 'pino';
import { createDefaultRegistry } from '../../commands/index.ts';
import type { Registry } from '../../core/registry.ts';
import { buildAnswerJsonSchema, readModelAnswer, type JsonSchema, type ModelProposal } from './model-schema.ts';

export interface ModelClientOptions {
  /** Full chat-completions URL, e.g. http://localhost:8080/v1/chat/completions. */
  url: string;
  apiKey?: string;
  model?: string;
  /** Whole request, answer included (default 5000): a slow model must not hold the reply. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Commands the model may propose (default: the bot's registry). */
  registry?: Registry;
}

export interface ModelInput {
  sentence: string;
  lang: 'fr' | 'en';
  /** ISO date (YYYY-MM-DD) in the workspace's time zone. */
  today: string;
  timeZone: string;
}

export interface ModelClient {
  /** The model's proposal, or undefined on any failure (logged once as a warning); never rejects. */
  propose(input: ModelInput): Promise<ModelProposal | undefined>;
}

export const DEFAULT_TIMEOUT_MS = 5000;
/** Sent when none is configured; single-model servers (llama.cpp) ignore it. */
export const DEFAULT_MODEL = 'default';

const SYSTEM_PROMPT = [
  'You translate a sales rep’s sentence (French or English) into one command of the Relance sales bot, following the JSON schema, or command null when no command fits or the sentence is not a request.',
  'Never invent records: deal, company, contact and member names only as written in the sentence. Leave out (null) anything the sentence does not say.',
  'Write dates, durations and amounts as the words the rep used (demain, next Friday, 20min, 15k); do not compute them.',
  'confidence: how sure you are that this is the command meant, from 0 to 1.',
].join(' ');

class ModelFailure extends Error {}

/** Content may come fenced (```json … ```) from servers that ignore `response_format`. */
const unfence = (content: string): string => content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');

export function createModelClient(options: ModelClientOptions): ModelClient {
  const registry = options.registry ?? createDefaultRegistry();
  const schema: JsonSchema = buildAnswerJsonSchema(registry);
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Warnings go to stderr by default: stdout is the console adapter's conversation.
  const logger = options.logger ?? pino({ level: 'warn' }, pino.destination(2));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;

  async function ask(input: ModelInput): Promise<ModelProposal> {
    const body = {
      model: options.model ?? DEFAULT_MODEL,
      temperature: 0,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: JSON.stringify({ sentence: input.sentence, lang: input.lang, today: input.today }) },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'relance_command', strict: true, schema } },
    };
    // The signal covers reading the body too, so a server that stalls mid-answer is cut off as well.
    const response = await doFetch(options.url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new ModelFailure(`HTTP ${response.status}`);
    let completion: unknown;
    try {
      completion = await response.json();
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw error;
      throw new ModelFailure('response is not JSON');
    }
    const content = (completion as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new ModelFailure('no message content');
    let answer: unknown;
    try {
      answer = JSON.parse(unfence(content));
    } catch {
      throw new ModelFailure('content is not JSON');
    }
    const proposal = readModelAnswer(registry, answer);
    if (!proposal) throw new ModelFailure('answer does not fit the registry');
    return proposal;
  }

  return {
    async propose(input) {
      const started = Date.now();
      try {
        return await ask(input);
      } catch (error) {
        // One line, without the sentence or the model's content: logs must not keep member text.
        const reason = error instanceof ModelFailure ? error.message : error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `request failed: ${error instanceof Error ? error.message : String(error)}`;
        logger.warn({ reason, ms: Date.now() - started }, 'language model fallback: no proposal');
        return undefined;
      }
    },
  };
}
