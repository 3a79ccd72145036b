// Whether the language-model fallback is on: only when RELANCE_LLM_URL is set. Unset or empty,
// no client is made and no sentence ever leaves the machine.
import { z } from 'zod';
import { ConfigError } from '../../config.ts';
import type { ModelClientOptions } from './model-client.ts';

export type ModelConfig = Pick<ModelClientOptions, 'url' | 'apiKey' | 'model' | 'timeoutMs'>;

const schema = z.object({
  RELANCE_LLM_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL (the chat-completions endpoint)' }),
  RELANCE_LLM_KEY: z.string().optional(),
  RELANCE_LLM_MODEL: z.string().optional(),
  RELANCE_LLM_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).optional(),
});

/** The client options from the environment, or undefined when the fallback is off; throws ConfigError on a bad value. */
export function createModelConfig(env: NodeJS.ProcessEnv = process.env): ModelConfig | undefined {
  // Empty variables count as unset, as in src/config.ts (a blank line in an .env file).
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('RELANCE_LLM_') && value !== undefined && value !== ''));
  if (present['RELANCE_LLM_URL'] === undefined) return undefined;
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { RELANCE_LLM_URL: url, RELANCE_LLM_KEY: apiKey, RELANCE_LLM_MODEL: model, RELANCE_LLM_TIMEOUT_MS: timeoutMs } = parsed.data;
  return { url, ...(apiKey ? { apiKey } : {}), ...(model ? { model } : {}), ...(timeoutMs ? { timeoutMs } : {}) };
}
