// `relance understand ["sentence"]`: the plain-language understanding as a script sees it. Each
// sentence (the argument, else stdin one per line) becomes one JSON line: the command, its
// values as the canonical English command line reads them, that line, the confidence, the
// required arguments still missing, the records to choose between, or why it was refused.
// It reads the workspace's names and the member's rights and writes nothing: an unknown
// workspace or member is an error (exit 2), never created. No language model is asked.
import { createInterface } from 'node:readline';
import { and, eq } from 'drizzle-orm';
import type { MemberRow, WorkspaceRow } from '../core/context.ts';
import { pickLang } from '../core/i18n/i18n.ts';
import type { Registry } from '../core/registry.ts';
import type { Lang, Platform } from '../core/types.ts';
import type { ArgEnv } from '../core/args.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { members, workspaces } from '../db/schema.ts';
import { renderLine, resolveCommand } from './command-line.ts';
import { understandSentence } from './understand.ts';
import type { Candidate, Refusal } from './understanding.types.ts';
import { dealVisibility, loadVocabulary } from './vocabulary-loader.service.ts';

export interface UnderstandCliOptions {
  registry: Registry;
  /** The workspace's external id (`console`, `T0123`), or `platform:id` when several platforms share it. */
  workspace: string;
  /** The platform user id of the member whose names and rights apply. */
  userId: string;
  /** The language the sentences are read in; else the member's, else the workspace's. */
  lang: Lang | undefined;
  /** The terminal's time zone, used when the member has none of their own. */
  timeZone: string | undefined;
  now: Date;
  /** The sentence given on the command line; stdin is read when absent. */
  sentence: string | undefined;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** One output line. */
export type UnderstandLine =
  | {
      command: string;
      args: Record<string, unknown>;
      line: string;
      confidence: number;
      missing: string[];
      ambiguous?: { arg: string; candidates: Candidate[] };
    }
  | { command: null; args: Record<string, never>; line: null; confidence: 0; missing: []; reason: Refusal };

const PLATFORMS: Platform[] = ['console', 'slack', 'discord'];

/** The workspace and member, read only. */
async function findScope(database: DatabaseHandle, workspaceName: string, userId: string): Promise<{ workspace: WorkspaceRow; member: MemberRow } | { error: string }> {
  const [prefix, ...rest] = workspaceName.split(':');
  const platform = rest.length > 0 && PLATFORMS.includes(prefix as Platform) ? (prefix as Platform) : undefined;
  const externalId = platform ? rest.join(':') : workspaceName;
  const found = await database.db
    .select()
    .from(workspaces)
    .where(platform ? and(eq(workspaces.externalId, externalId), eq(workspaces.platform, platform)) : eq(workspaces.externalId, externalId));
  if (found.length > 1) return { error: `several workspaces are called "${externalId}": add the platform, for example slack:${externalId}` };
  const workspace = found[0];
  if (!workspace) return { error: `no workspace "${workspaceName}" (nothing has been written to it yet; for Slack or Discord write slack:T0123 or discord:123456)` };
  const [member] = await database.db.select().from(members).where(and(eq(members.workspaceId, workspace.id), eq(members.platformUserId, userId)));
  if (!member) return { error: `"${userId}" is not a member of workspace "${workspaceName}" (understand creates no one: use the console or the chat first)` };
  return { workspace, member };
}

/** What one sentence means, as a JSON-ready object. */
export function understandLine(
  input: { sentence: string; registry: Registry; env: ArgEnv; member: MemberRow; vocabulary: Awaited<ReturnType<typeof loadVocabulary>> },
): UnderstandLine {
  const { registry, env, member, vocabulary } = input;
  const understanding = understandSentence({
    sentence: input.sentence,
    registry,
    vocabulary,
    env,
    speakerId: member.id,
    canSee: dealVisibility(member, vocabulary),
  });
  if (!understanding.frame) return { command: null, args: {}, line: null, confidence: 0, missing: [], reason: understanding.refusal ?? 'unknown' };
  const rendered = renderLine(registry, understanding.frame, { ...env, lang: 'en' });
  return {
    command: resolveCommand(registry, understanding.frame.path).words('en'),
    args: rendered.values,
    line: rendered.line,
    confidence: understanding.confidence,
    missing: rendered.missing,
    ...(understanding.ambiguous ? { ambiguous: understanding.ambiguous } : {}),
  };
}

async function* sentencesOf(options: UnderstandCliOptions): AsyncGenerator<string> {
  if (options.sentence !== undefined) {
    yield options.sentence;
    return;
  }
  const lines = createInterface({ input: options.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) if (line.trim() !== '') yield line;
}

/** Exit codes: 0 every sentence printed, 2 unknown workspace or member. */
export async function runUnderstand(database: DatabaseHandle, options: UnderstandCliOptions): Promise<number> {
  if (options.sentence !== undefined && options.sentence.trim() === '') {
    options.stderr.write('relance: understand needs a sentence (or sentences on stdin, one per line)\n');
    return 2;
  }
  const scope = await findScope(database, options.workspace, options.userId);
  if ('error' in scope) {
    options.stderr.write(`relance: ${scope.error}\n`);
    return 2;
  }
  const { workspace, member } = scope;
  const env: ArgEnv = {
    lang: options.lang ?? pickLang(member.language, member.locale ?? undefined, workspace.defaultLanguage),
    timeZone: member.timeZone ?? options.timeZone ?? workspace.timeZone,
    currency: workspace.currency,
    now: options.now,
  };
  for await (const sentence of sentencesOf(options)) {
    // Read for every sentence, as the bot does: names changed meanwhile are seen (the cache keeps it cheap).
    const vocabulary = await loadVocabulary(database, workspace.id);
    let out: UnderstandLine | (Extract<UnderstandLine, { command: null }> & { error: string });
    try {
      out = understandLine({ sentence, registry: options.registry, env, member, vocabulary });
    } catch (error) {
      // A frame the commands' parser refuses (not expected of the rules): a not-understood line
      // that says why, and the next sentences are still read.
      out = { command: null, args: {}, line: null, confidence: 0, missing: [], reason: 'unknown', error: (error as Error).message };
    }
    options.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return 0;
}
