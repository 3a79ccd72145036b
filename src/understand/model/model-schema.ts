// What the language model may answer, derived from the registry so the fallback can never name
// a command or an argument the bot does not have: a JSON Schema sent with the request (the
// model, or the server's constrained decoding, reads it) and a zod schema that checks the
// answer again here, because a server may ignore `response_format` or a model may slip.
import { z } from 'zod';
import { isGroup, type ArgSpec, type CommandDefinition, type Registry } from '../../core/registry.ts';

/** The model's reading of a sentence: one command with its arguments as typed text, or none. */
export type ModelProposal = { path: string[]; args: Record<string, string>; confidence: number } | { path: null };

export type JsonSchema = Record<string, unknown>;

/** Longest argument value accepted from the model (a name, a date in words, a short note). */
export const MAX_ARG_LENGTH = 200;
/** Most arguments accepted in one answer (`/log` has the most, 11). */
export const MAX_ARGS = 12;

export interface ModelCommand {
  /** Words of the path joined by a space, as the model writes it: `log`, `deal won`. */
  path: string;
  command: CommandDefinition<any>;
}

/**
 * The commands a sentence can ask for, with their paths. `answersQuestion` commands are left out:
 * answering a waiting question is the bot's own business, not something to guess from a sentence.
 */
export function modelCommands(registry: Registry): ModelCommand[] {
  return registry.entries
    .flatMap((entry) => (isGroup(entry) ? entry.subcommands.map((sub) => ({ path: `${entry.name} ${sub.name}`, command: sub })) : [{ path: entry.name, command: entry }]))
    .filter(({ command }) => !command.answersQuestion);
}

// How each kind is to be written: as the rep said it, since the bot's own parsers read the value
// (a date computed by the model could be off by a day or a time zone; the words cannot).
// Text and enum need no hint (the enum lists its values): every byte here is sent on each request.
const kindHints: Record<ArgSpec['kind'], string> = {
  text: '',
  amount: '; amount as written (15k)',
  date: '; date in the words used (demain, next Friday)',
  duration: '; duration as written (20min)',
  enum: '',
  integer: '; whole number',
};

const describeArg = (arg: ArgSpec): string => `${arg.label.en}${kindHints[arg.kind]}${arg.required ? '; required' : ''}`;

// Strict structured outputs (OpenAI, llama.cpp, vLLM) want every property listed in `required`
// and no extra ones: an argument the sentence does not give is written as null.
function argsJsonSchema(command: CommandDefinition<any>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const arg of command.args) {
    const values = arg.kind === 'enum' ? (arg.choices ?? []).map((choice) => choice.value) : undefined;
    properties[arg.name] = values
      ? { type: ['string', 'null'], enum: [...values, null], description: describeArg(arg) }
      : { type: ['string', 'null'], description: describeArg(arg) };
  }
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

// Explained once in the system message rather than in each of the ~55 branches.
const confidenceJson: JsonSchema = { type: 'number', minimum: 0, maximum: 1 };

const branch = (command: JsonSchema, args: JsonSchema, description: string): JsonSchema => ({
  type: 'object',
  description,
  properties: { command, args, confidence: confidenceJson },
  required: ['command', 'args', 'confidence'],
  additionalProperties: false,
});

/**
 * The JSON Schema of an answer: one branch per command path (its own `args`), plus a null branch
 * for sentences that ask for no command. A single-value `enum` rather than `const` for the path,
 * since every constrained-decoding engine supports it.
 */
export function buildAnswerJsonSchema(registry: Registry): JsonSchema {
  const branches = modelCommands(registry).map(({ path, command }) => branch({ type: 'string', enum: [path] }, argsJsonSchema(command), `${path}: ${command.description.en}`));
  const none = branch({ type: 'null' }, { type: 'object', properties: {}, required: [], additionalProperties: false }, 'No command fits the sentence');
  return { anyOf: [...branches, none] };
}

const argValue = (arg: ArgSpec): z.ZodType<string | null> => {
  const values = arg.kind === 'enum' ? (arg.choices ?? []).map((choice) => choice.value) : [];
  const text = values.length > 0 ? z.enum(values as [string, ...string[]]) : z.string().max(MAX_ARG_LENGTH);
  return text.nullable();
};

const confidence = z.number().min(0).max(1);

/** The zod schema of an answer: the path must exist, each argument must be one of its own, enum values one of its choices. */
export function buildAnswerSchema(registry: Registry) {
  const branches = modelCommands(registry).map(({ path, command }) =>
    z.object({
      command: z.literal(path),
      // Absent and null both mean "not said"; the JSON Schema asks for null, a lax server may omit.
      args: z
        .strictObject(Object.fromEntries(command.args.map((arg) => [arg.name, argValue(arg).optional()])))
        .refine((args) => Object.keys(args).length <= MAX_ARGS, `at most ${MAX_ARGS} arguments`),
      confidence,
    }),
  );
  const none = z.object({ command: z.null(), args: z.strictObject({}).optional(), confidence: confidence.optional() });
  return z.discriminatedUnion('command', [none, ...branches]);
}

// Built once per registry: the registry is fixed after start-up and the schema has ~55 branches.
const schemas = new WeakMap<Registry, ReturnType<typeof buildAnswerSchema>>();

/** The model's answer as a proposal, or undefined when it does not fit the registry. */
export function readModelAnswer(registry: Registry, json: unknown): ModelProposal | undefined {
  let schema = schemas.get(registry);
  if (!schema) {
    schema = buildAnswerSchema(registry);
    schemas.set(registry, schema);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return undefined;
  const answer = parsed.data;
  if (answer.command === null) return { path: null };
  const args: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.args as Record<string, string | null | undefined>)) {
    // An empty string is the model's way of saying nothing, like null: leave it for guided mode.
    const trimmed = value?.trim();
    if (trimmed) args[name] = trimmed;
  }
  return { path: answer.command.split(' '), args, confidence: answer.confidence };
}
