// createBot(): the one entry point adapters call. It resolves who is talking, routes the
// event to a command or to the pending conversation, runs each command in one transaction
// (with its idempotency key), and turns failures into replies in the member's language.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/client.ts';
import { processedEvents } from '../db/schema.ts';
import { recordAudit, type AuditEntry } from '../services/audit.service.ts';
import { ensureMember, ensureWorkspace, findScope, type WorkspaceDefaults } from '../services/workspace.service.ts';
import { argLabel, matchChoice, parseArgs, parseArgValue, type ArgEnv, type ArgValues } from './args.ts';
import type { CommandContext, MemberRow, Question, Scope, WorkspaceRow } from './context.ts';
import { conversationKey, deleteDialog, loadDialog, saveDialog, type PendingCommand } from './dialog-store.ts';
import { isUserError, UserError, type ErrorParams } from './errors.ts';
import { formatNumber } from './format.ts';
import { clip, INPUT_LIMITS, oversizedLength } from './limits.ts';
import { hasMessage, pickLang, pluralForm, t, translate } from './i18n/i18n.ts';
import { isNeedInput, NeedInput } from './question.ts';
import { displayName, isGroup, type ArgSpec, type CommandDefinition, type CommandGroup, type Permission, type Registry } from './registry.ts';
import { normalizeKey, tokenize } from './parse/tokenize.parser.ts';
import { parseYesNo } from './parse/yes-no.parser.ts';
import { todayIn } from './parse/date.parser.ts';
import { groupHelp } from './help-render.ts';
import type { AutocompleteEvent, Block, ChoiceSpec, EventHandler, FormField, IncomingEvent, Lang, Reply, ReplySink, Suggestions } from './types.ts';
import { suggestValues } from '../services/suggest.service.ts';

export interface BotOptions {
  database: DatabaseHandle;
  registry: Registry;
  logger: Logger;
  /** The clock; fixed in tests and by the console's `--now`. */
  now?: () => Date;
  /** How long a question waits for its answer. */
  dialogTtlMs?: number;
  /** Settings for workspaces created on first contact. */
  workspaceDefaults?: WorkspaceDefaults;
}

export interface Bot {
  handle: EventHandler;
  /** Values to propose while an option is typed (`command` is the path, e.g. `deal show`). */
  complete(event: AutocompleteEvent): Promise<Suggestions>;
}

const ROLE_RANK = { rep: 0, manager: 1, admin: 2 } as const;
const PERMISSION_RANK: Record<Permission, number> = { member: 0, manager: 1, admin: 2 };
const CANCEL_WORDS = new Set(['cancel', 'annuler', 'annule', 'stop', 'abandon', 'abandonner']);
const BACK_WORDS = new Set(['back', 'retour', 'precedent', 'previous']);

/** Thrown inside a command transaction to roll it back without it being an error (duplicate, lost race). */
const ROLLBACK = Symbol('rollback');

const text = (value: string): Block => ({ type: 'text', text: value });
const privateReply = (blocks: Block[]): Reply => ({ blocks, visibility: 'private' });

/** Outcome of one command run. */
type RunResult = { status: 'done' | 'duplicate' | 'conflict' } | { status: 'asked'; pending: PendingCommand };

type AuditTarget = { type?: string; id?: string | number; details?: Record<string, unknown> };

function auditEntry(scope: Scope, action: string, outcome: 'ok' | 'refused' | 'failed', target: AuditTarget | undefined, at: Date): AuditEntry {
  return {
    workspaceId: scope.workspace.id,
    memberId: scope.member.id,
    actor: `${scope.ref.platform}:${scope.member.platformUserId}`,
    action,
    targetType: target?.type,
    targetId: target?.id,
    outcome,
    details: target?.details,
    at,
  };
}

export function createBot(options: BotOptions): Bot {
  const { database, registry, logger } = options;
  const now = options.now ?? (() => new Date());
  const ttl = options.dialogTtlMs ?? 30 * 60 * 1000;

  async function resolveScope(event: IncomingEvent): Promise<Scope> {
    const build = (workspace: WorkspaceRow, member: MemberRow, hasDialog: boolean): Scope => ({
      ref: event.ref,
      actor: event.actor,
      workspace,
      member,
      // Slack button payloads carry no locale: the one remembered from earlier events stands in.
      lang: pickLang(member.language, event.actor.locale ?? member.locale ?? undefined, workspace.defaultLanguage),
      timeZone: member.timeZone ?? event.actor.timeZone ?? workspace.timeZone,
      hasDialog,
    });
    // Known member, unchanged name and locale: one read, no transaction (the path of almost every event).
    const found = await findScope(database.db, event.ref, event.actor.id, conversationKey(event.ref));
    const unchanged = (m: { displayName: string; locale: string | null }) =>
      (!event.actor.displayName || m.displayName === event.actor.displayName) && (!event.actor.locale || m.locale === event.actor.locale);
    if (found?.member && unchanged(found.member)) {
      return build(found.workspace, found.member, found.hasDialog);
    }
    return database.db.transaction(async (tx) => {
      const workspace = await ensureWorkspace(tx, event.ref, now(), options.workspaceDefaults);
      const member = await ensureMember(tx, workspace, event.actor, now());
      return build(workspace, member, found?.hasDialog ?? false);
    });
  }

  const argEnv = (scope: Scope): ArgEnv => ({ lang: scope.lang, timeZone: scope.timeZone, currency: scope.workspace.currency, now: now() });

  function resolvePath(path: string[]): { command: CommandDefinition<any>; group?: CommandGroup } {
    const [head, sub] = path;
    const entry = head === undefined ? undefined : registry.find(head);
    if (!entry) throw new UserError('unknown_command', { name: head ?? '' });
    if (!isGroup(entry)) return { command: entry };
    const command = sub === undefined ? undefined : registry.findSub(entry, sub);
    if (!command) throw new UserError('unknown_subcommand', { name: sub ?? '' });
    return { command, group: entry };
  }

  /** Asks for the first missing required argument, choices offered when it has any. */
  function askMissingArg(scope: Scope, command: CommandDefinition<any>, values: ArgValues): void {
    const missing = command.args.find((arg) => arg.required && values[arg.name] === undefined);
    if (missing) askArg(scope, command, missing.name);
  }

  function askArg(scope: Scope, command: CommandDefinition<any>, argName: string): never {
    const missing = command.args.find((arg) => arg.name === argName);
    if (!missing) throw new Error(`${command.name} has no argument ${argName}`);
    const question: Question = {
      key: `arg:${missing.name}`,
      prompt: missing.prompt[scope.lang],
      choices: (missing.choices ?? []).map((choice) => ({ label: choice.label[scope.lang], value: choice.value })),
    };
    if (question.choices.length === 0) {
      question.details = [text(t(scope.lang, 'dialog.example', { example: missing.example[scope.lang] }))];
    }
    throw new NeedInput(question, missing.name);
  }

  async function run(
    scope: Scope,
    event: IncomingEvent,
    pending: Omit<PendingCommand, 'question'>,
    respond: ReplySink,
    expectedVersion?: number,
  ): Promise<RunResult> {
    const { command } = resolvePath(pending.path);
    const dialogKey = conversationKey(scope.ref);
    const queued: Reply[] = [];
    let auditTarget: AuditTarget | undefined;
    let duplicate = false;
    let conflict = false;
    try {
      await database.db.transaction(async (tx) => {
        // The delivery key and the work commit together: a retried delivery finds its key and stops.
        // The delivery key is claimed in the same transaction as the work. The insert is sent
        // without waiting (postgres.js pipelines it with the command's first queries, saving a
        // round trip); its answer is checked before commit, and on any way out of the handler.
        const claim = command.readOnly
          ? undefined
          : tx
              .insert(processedEvents)
              .values({ workspaceId: scope.workspace.id, key: event.idempotencyKey, createdAt: now() })
              .onConflictDoNothing()
              .returning({ key: processedEvents.key })
              .execute();
        claim?.catch(() => {});
        const stopIfDuplicate = async (): Promise<void> => {
          if (claim && (await claim).length === 0) {
            duplicate = true;
            throw ROLLBACK;
          }
        };
        try {
          // Answering consumes the pending question (only the version we read: a second click loses);
          // a new command replaces whatever question was pending in this conversation.
          const removed = expectedVersion !== undefined || scope.hasDialog ? await deleteDialog(tx, scope.workspace.id, dialogKey, expectedVersion) : false;
          if (expectedVersion !== undefined && !removed) {
            conflict = true;
            throw ROLLBACK;
          }
          if (ROLE_RANK[scope.member.role] < PERMISSION_RANK[command.permission]) {
            throw new UserError('forbidden', { role: t(scope.lang, `roles.${command.permission === 'admin' ? 'admin' : 'manager'}`) });
          }
          askMissingArg(scope, command, pending.values);
          const parsed = command.schema.safeParse(pending.values);
          if (!parsed.success) throw schemaError(scope.lang, command, parsed.error.issues[0], pending.values);
          const ctx: CommandContext<unknown> = {
            ...scope,
            args: parsed.data,
            tx,
            now,
            t: (key, params) => t(scope.lang, key, params),
            reply: (reply) => queued.push(Array.isArray(reply) ? { blocks: reply, visibility: 'private' } : reply),
            ask: (question) => {
              const answer = pending.answers[question.key];
              if (answer !== undefined) return answer;
              throw new NeedInput(question);
            },
            askFor: (argName) => askArg(scope, command, argName),
            registry,
            log: logger.child({ command: pending.path.join(' '), member: scope.member.id }),
            audit: (target) => {
              auditTarget = target;
            },
          };
          await command.handler(ctx);
          if (command.audit) await recordAudit(tx, auditEntry(scope, command.audit, 'ok', auditTarget, now()));
        } catch (error) {
          // A redelivery says nothing, whatever its handler did or asked: it was done once already.
          await stopIfDuplicate();
          throw error;
        }
        await stopIfDuplicate();
      });
    } catch (error) {
      if (error === ROLLBACK) return { status: duplicate ? 'duplicate' : 'conflict' };
      if (!isNeedInput(error)) {
        // Refusals and mistakes on sensitive actions are recorded too, after the rollback.
        if (command.audit && isUserError(error)) {
          await recordAudit(database.db, auditEntry(scope, command.audit, error.code === 'forbidden' ? 'refused' : 'failed', { ...auditTarget, details: { ...auditTarget?.details, error: error.code } }, now()));
        }
        throw error;
      }
      const spec = error.argName ? command.args.find((arg) => arg.name === error.argName) : undefined;
      if (spec?.suggest && error.question.choices.length === 0) {
        error.question.choices = (await spec.suggest(database.db, scope)).slice(0, 10);
      }
      // The conversation's place is kept so jobs can write to it later (reminders).
      const next: PendingCommand = { ...pending, question: error.question, ref: scope.ref, lang: scope.lang, ...(error.argName ? { argName: error.argName } : {}) };
      if (!error.argName) delete next.argName;
      const expiresAt = new Date(now().getTime() + (command.conversationTtlMs ?? ttl));
      const saved = await saveDialog(database.db, scope.workspace.id, dialogKey, next, expiresAt, now(), expectedVersion);
      if (!saved) return { status: 'conflict' };
      const reply = questionReply(scope.lang, error.question);
      // A slash command missing arguments can open one form with all of them (Slack and Discord
      // modals); adapters without forms ignore the block and ask step by step.
      if (error.argName && event.kind === 'command') reply.blocks.push(commandForm(command, pending.path, scope.lang, pending.values));
      await respond(reply);
      return { status: 'asked', pending: next };
    }
    if (duplicate) return { status: 'duplicate' };
    if (conflict) return { status: 'conflict' };
    for (const reply of queued) await respond(reply);
    return { status: 'done' };
  }

  async function onCommand(scope: Scope, event: Extract<IncomingEvent, { kind: 'command' }>, respond: ReplySink): Promise<void> {
    if (!event.name.trim()) throw new UserError('command_empty', {});
    const entry = registry.find(event.name);
    if (!entry) throw new UserError('unknown_command', { name: event.name });
    let command: CommandDefinition<any>;
    let textAfter = event.text;
    const path = [entry.name];
    if (isGroup(entry)) {
      const [typed] = tokenize(event.text);
      const word = typed ?? entry.defaultSubcommand;
      if (word === undefined || ['help', 'aide', '?'].includes(normalizeKey(word))) {
        await respond(privateReply(groupHelp(entry, scope.lang)));
        return;
      }
      let sub = registry.findSub(entry, word);
      if (!sub && entry.fallbackSubcommand && typed !== undefined) {
        const fallback = registry.findSub(entry, entry.fallbackSubcommand);
        if (fallback) {
          await runLine(scope, event, [entry.name, fallback.name], fallback, event.text, respond);
          return;
        }
      }
      if (!sub) {
        throw new UserError('unknown_subcommand', {
          name: word,
          choices: entry.subcommands.map((s) => displayName(s, scope.lang)).join(', '),
          example: `/${displayName(entry, scope.lang)} ${displayName(entry.subcommands[0]!, scope.lang)}`,
        });
      }
      command = sub;
      path.push(sub.name);
      // Drop the subcommand word itself, keeping the rest of the line exactly as typed.
      textAfter = typed === undefined ? '' : event.text.replace(/^\s*\S+\s*/u, '');
    } else {
      command = entry;
    }
    await runLine(scope, event, path, command, textAfter, respond);
  }

  async function runLine(scope: Scope, event: IncomingEvent, path: string[], command: CommandDefinition<any>, line: string, respond: ReplySink): Promise<void> {
    try {
      const values = parseArgs(command.args, line, argEnv(scope));
      // The same command line as an unfinished conversation resumes it where it stopped.
      if (scope.hasDialog && command.resumable) {
        const dialog = await loadDialog(database.db, scope.workspace.id, conversationKey(scope.ref));
        if (dialog && dialog.expiresAt > now() && dialog.data.path.join(' ') === path.join(' ') && JSON.stringify(dialog.data.values) === JSON.stringify(values)) {
          await respond(privateReply([text(t(scope.lang, 'dialog.resumed'))]));
          await respond(questionReply(scope.lang, dialog.data.question));
          return;
        }
      }
      await run(scope, event, { path, values, answers: {} }, respond);
    } catch (error) {
      // Mistakes in the line are shown with a complete, correct line of this very command.
      const example = command.examples[scope.lang][0];
      if (isUserError(error) && error.params['example'] === undefined && example !== undefined) {
        throw new UserError(error.code, { ...error.params, example });
      }
      throw error;
    }
  }

  async function onAnswer(scope: Scope, event: IncomingEvent, raw: string, viaButton: string | undefined, respond: ReplySink): Promise<void> {
    const key = conversationKey(scope.ref);
    const dialog = await loadDialog(database.db, scope.workspace.id, key);
    if (!dialog) {
      if (event.kind === 'message' && event.quietIfIdle) return;
      await respond(privateReply([text(t(scope.lang, viaButton ? 'dialog.gone' : 'dialog.nothing_pending'))]));
      return;
    }
    if (dialog.expiresAt.getTime() < now().getTime()) {
      await deleteDialog(database.db, scope.workspace.id, key, dialog.version);
      await respond(privateReply([text(t(scope.lang, 'dialog.expired'))]));
      return;
    }
    if (CANCEL_WORDS.has(normalizeKey(raw)) && viaButton === undefined) {
      await deleteDialog(database.db, scope.workspace.id, key, dialog.version);
      await respond(privateReply([text(t(scope.lang, 'dialog.cancelled'))]));
      return;
    }
    const pending = dialog.data;
    if (viaButton !== undefined && viaButton !== pending.question.key) {
      await respond(privateReply([text(t(scope.lang, 'dialog.gone'))]));
      return;
    }
    const { command } = resolvePath(pending.path);
    const values = { ...pending.values };
    const answers = { ...pending.answers };
    // `back`: forget the last answer and ask that question again.
    if (viaButton === undefined && BACK_WORDS.has(normalizeKey(raw))) {
      const last = Object.keys(answers).at(-1);
      if (last === undefined) {
        await respond(privateReply([text(t(scope.lang, 'dialog.no_back'))]));
        await respond(questionReply(scope.lang, pending.question));
        return;
      }
      delete answers[last];
      const back = await run(scope, event, { path: pending.path, values, answers }, respond, dialog.version);
      if (back.status === 'conflict') await respond(privateReply([text(t(scope.lang, 'dialog.gone'))]));
      return;
    }
    const choices = pending.question.choices;
    const byNumber = /^\d+$/.test(raw.trim()) ? choices[Number(raw.trim()) - 1] : undefined;
    // A free value (an amount, a name) typed for an argument or a typed-input question is never read as a prefix.
    const argKind = pending.argName === undefined ? undefined : command.args.find((arg) => arg.name === pending.argName)?.kind;
    const chosen = choices.find((c) => c.value === raw) ?? byNumber ?? typedChoice(pending.question, raw, !pending.question.input && (argKind === undefined || argKind === 'enum'));
    if (chosen === 'cancel') {
      await deleteDialog(database.db, scope.workspace.id, key, dialog.version);
      await respond(privateReply([text(t(scope.lang, 'dialog.cancelled'))]));
      return;
    }
    try {
      if (pending.argName) {
        const spec = command.args.find((arg) => arg.name === pending.argName);
        if (!spec) throw new Error(`pending argument ${pending.argName} not in ${pending.path.join(' ')}`);
        values[spec.name] = parseArgValue(spec, chosen?.value ?? raw, argEnv(scope));
      } else if (chosen) {
        answers[pending.question.key] = chosen.value;
      } else if (pending.question.input) {
        // A typed answer, read like an argument of that kind and kept as JSON for the handler.
        const env = argEnv(scope);
        const spec = { name: 'answer', kind: pending.question.input, keys: [], prompt: { fr: '', en: '' }, example: { fr: '', en: '' } } as const;
        const value = parseArgValue({ ...spec, keys: [] }, raw, env);
        if (pending.question.notBeforeToday && typeof value === 'string' && value < todayIn(env.timeZone, env.now)) {
          throw new UserError('date_in_past', { input: raw });
        }
        answers[pending.question.key] = JSON.stringify(value);
      } else {
        throw new UserError('answer_invalid', { input: raw.replace(/\s+/gu, ' ').trim(), reminder: choicesReminder(scope.lang, pending.question) });
      }
    } catch (error) {
      // A wrong answer keeps the question open: say what was wrong, then ask again (an answer
      // that names no choice gets a one-line reminder of the choices, not the whole question).
      if (!isUserError(error)) throw error;
      await respond(errorReply(scope.lang, error));
      const reminded = error.code === 'answer_invalid' || (pending.argName !== undefined && error.code === 'choice_invalid');
      if (!reminded) await respond(questionReply(scope.lang, pending.question));
      return;
    }
    let result: RunResult;
    try {
      result = await run(scope, event, { path: pending.path, values, answers }, respond, dialog.version);
    } catch (error) {
      // The command refused the collected values: the conversation ends with the reason.
      if (isUserError(error)) await deleteDialog(database.db, scope.workspace.id, key, dialog.version);
      throw error;
    }
    if (result.status === 'conflict') await respond(privateReply([text(t(scope.lang, 'dialog.gone'))]));
  }

  async function onSubmission(scope: Scope, event: Extract<IncomingEvent, { kind: 'submission' }>, respond: ReplySink): Promise<void> {
    // Forms are `command:<path>`; fields are argument names.
    const match = /^command:(.+)$/.exec(event.formId);
    if (!match) throw new UserError('form_unknown', {});
    const path = (match[1] ?? '').split(' ');
    const { command } = resolvePath(path);
    const values: ArgValues = {};
    for (const arg of command.args) {
      const raw = event.values[arg.name];
      if (raw !== undefined && raw.trim() !== '') values[arg.name] = parseArgValue(arg, raw, argEnv(scope));
    }
    await run(scope, event, { path, values, answers: {} }, respond);
  }

  async function dispatch(scope: Scope, event: IncomingEvent, respond: ReplySink): Promise<void> {
    switch (event.kind) {
      case 'command':
        return onCommand(scope, event, respond);
      case 'message':
        return onAnswer(scope, event, event.text, undefined, respond);
      case 'action': {
        if (event.actionId === 'dialog:cancel') return onAnswer(scope, event, 'cancel', undefined, respond);
        const answer = /^answer:(.+)$/.exec(event.actionId);
        if (answer) return onAnswer(scope, event, event.value, answer[1], respond);
        if (event.actionId === 'run') {
          // Buttons that start a command carry the command line, e.g. `deal show #12`.
          const [name, ...rest] = tokenize(event.value);
          return onCommand(scope, { ...event, kind: 'command', name: name ?? '', text: rest.map(quoteIfNeeded).join(' ') }, respond);
        }
        throw new UserError('action_unknown', {});
      }
      case 'submission':
        return onSubmission(scope, event, respond);
      case 'autocomplete':
        return;
    }
  }

  const handle: EventHandler = async (event, respond) => {
    let lang: Lang = pickLang(undefined, event.actor.locale, 'fr');
    try {
      const scope = await resolveScope(event);
      lang = scope.lang;
      // Text over the limit is refused before anything reads it (limits.ts); overheard chatter is ignored.
      const oversized = oversizedLength(event);
      if (oversized !== undefined) {
        if (event.kind === 'message' && event.quietIfIdle && !scope.hasDialog) return;
        throw tooLongError(lang, event, oversized);
      }
      await dispatch(scope, event, respond);
    } catch (error) {
      if (isUserError(error)) {
        await respond(errorReply(lang, error, event.kind === 'command' ? event.name : undefined));
        return;
      }
      // A bug: the member gets an id to quote, the log gets everything.
      const errorId = randomUUID().slice(0, 8);
      logger.error({ err: error, errorId, kind: event.kind, key: event.idempotencyKey, platform: event.ref.platform }, 'event failed');
      await respond(privateReply([text(t(lang, 'errors.internal', { errorId }))])).catch((sendError: unknown) => {
        logger.error({ err: sendError, errorId }, 'could not send the apology');
      });
    }
  };

  /** The refusal of a text over INPUT_LIMITS.line; for a command, with a correct line of that command. */
  function tooLongError(lang: Lang, event: IncomingEvent, length: number): UserError {
    const params = { max: formatNumber(INPUT_LIMITS.line, lang), length: formatNumber(length, lang) };
    if (event.kind !== 'command') return new UserError('answer_too_long', params);
    const entry = event.name.length <= 100 ? registry.find(event.name) : undefined;
    let example: string | undefined;
    if (entry && isGroup(entry)) {
      const word = /^\s*(\S{1,40})(?:\s|$)/u.exec(event.text)?.[1];
      example = ((word === undefined ? undefined : registry.findSub(entry, word)) ?? entry.subcommands[0])?.examples[lang][0];
    } else {
      example = entry?.examples[lang][0];
    }
    return new UserError('line_too_long', example === undefined ? params : { ...params, example });
  }

  function errorReply(lang: Lang, error: UserError, commandWord?: string): Reply {
    const key = `errors.${error.code}`;
    const params = quotable(error.params);
    const blocks: Block[] = [text(hasMessage(key) ? translate(lang, key, params) : translate(lang, 'errors.generic', params))];
    let example = error.params['example'];
    if (example === undefined && commandWord) {
      const entry = registry.find(commandWord);
      if (entry && !isGroup(entry)) example = entry.examples[lang][0];
    }
    if (example !== undefined) blocks.push(text(t(lang, 'errors.example', { example })));
    return privateReply(blocks);
  }

  async function complete(event: AutocompleteEvent): Promise<Suggestions> {
    try {
      const scope = await resolveScope(event);
      const { command } = resolvePath(event.command.split(' '));
      const spec = command.args.find((arg) => arg.name === event.option);
      if (!spec) return [];
      if (spec.choices) {
        const typed = normalizeKey(event.partial);
        return spec.choices
          .map((choice) => ({ label: choice.label[scope.lang], value: choice.value }))
          .filter((choice) => !typed || normalizeKey(choice.label).includes(typed) || choice.value.includes(typed))
          .slice(0, 25);
      }
      if (!spec.completes) return [];
      return await suggestValues(database.db, scope.member, spec.completes, event.partial, scope.lang);
    } catch (error) {
      // Suggestions are a comfort: never an error shown while typing.
      logger.warn({ err: error, command: event.command, option: event.option }, 'autocomplete failed');
      return [];
    }
  }

  return { handle, complete };
}

/** Params the bot writes itself (its examples, its lists of choices); any other may quote the member. */
const OWN_PARAMS = new Set(['example', 'choices', 'reminder']);

/** Error params with the member's input cut to INPUT_LIMITS.echo characters: no error reply can be long. */
const quotable = (params: ErrorParams): ErrorParams =>
  Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' && !OWN_PARAMS.has(name) ? clip(value, INPUT_LIMITS.echo) : value]));

const quoteIfNeeded = (token: string): string => (/\s/.test(token) ? `"${token.replace(/"/g, '')}"` : token);

function schemaError(
  lang: Lang,
  command: CommandDefinition<any>,
  issue: { path: PropertyKey[]; code: string; maximum?: unknown; minimum?: unknown } | undefined,
  values: ArgValues,
): UserError {
  const argName = String(issue?.path[0] ?? '');
  const spec = command.args.find((arg) => arg.name === argName);
  const example = spec?.example[lang] ?? command.examples[lang][0] ?? '';
  const arg = spec ? argLabel(spec, lang) : argName;
  // Only a top-level value is measured (`amount.minor` too large is just invalid).
  const value = issue?.path.length === 1 ? values[argName] : undefined;
  if (issue?.code === 'too_big' && typeof issue.maximum === 'number') {
    const max = formatNumber(issue.maximum, lang);
    if (typeof value === 'string') return new UserError('arg_too_long', { arg, max, length: formatNumber(value.length, lang), example });
    if (typeof value === 'number') return new UserError('number_too_big', { arg, max, example });
  }
  if (issue?.code === 'too_small' && typeof issue.minimum === 'number' && typeof value === 'number') {
    return new UserError('number_too_small', { arg, min: formatNumber(issue.minimum, lang), example });
  }
  return new UserError('arg_invalid', { arg, example });
}

const FORM_KIND: Record<ArgSpec['kind'], FormField['kind']> = { text: 'text', amount: 'text', duration: 'text', date: 'date', enum: 'select', integer: 'number' };

/** A form with every argument of a command, pre-filled with what the line already gave. */
export function commandForm(command: CommandDefinition<any>, path: string[], lang: Lang, values: ArgValues): Block {
  const fields: FormField[] = command.args.map((arg) => {
    const given = values[arg.name];
    return {
      name: arg.name,
      label: arg.prompt[lang],
      kind: arg.rest ? 'textarea' : FORM_KIND[arg.kind],
      required: Boolean(arg.required),
      hint: `${t(lang, 'help.eg')} ${arg.example[lang]}`,
      ...(typeof given === 'string' ? { initial: given } : {}),
      ...(arg.choices ? { choices: arg.choices.map((choice) => ({ label: choice.label[lang], value: choice.value })) } : {}),
    };
  });
  return { type: 'form', formId: `command:${path.join(' ')}`, title: `/${path.join(' ')}`, submitLabel: t(lang, 'dialog.submit'), fields };
}

/**
 * The choice a typed answer names: a yes/no word on a confirmation (`no` cancels one that offers
 * a single choice), a label typed in any case and accents, or, when `prefix`, the start of a
 * label or of one of its words that fits one choice only (`nego` → Negotiation).
 */
function typedChoice(question: Question, raw: string, prefix: boolean): ChoiceSpec | 'cancel' | undefined {
  const { choices } = question;
  if (question.kind === 'confirm') {
    const word = parseYesNo(raw);
    if (word === 'yes') return choices[0];
    if (word === 'no') return choices[1] ?? 'cancel';
  }
  const exact = matchChoice(choices.map((c) => ({ value: c.value, label: { fr: c.label, en: c.label } })), raw);
  if (exact) return choices.find((c) => c.value === exact.value);
  const typed = normalizeKey(raw);
  if (!prefix || typed.length < 2 || /^\d/.test(typed)) return undefined;
  const hits = choices.filter((c) => {
    const label = normalizeKey(c.label);
    return label.startsWith(typed) || label.includes(` ${typed}`);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** One line saying how to answer: `Answer 1, 2 or 3, or type "cancel".` */
function choicesReminder(lang: Lang, question: Question): string {
  const count = question.choices.length;
  if (count === 0) return t(lang, 'dialog.reminder_none');
  if (question.kind === 'confirm') return t(lang, 'dialog.reminder_confirm');
  if (count > 3) return t(lang, 'dialog.reminder_range', { count });
  const list = new Intl.ListFormat(lang, { type: 'disjunction' }).format(question.choices.map((_, i) => String(i + 1)));
  return t(lang, `dialog.reminder_${pluralForm(lang, count)}`, { list });
}

/** The reply that asks a question: prompt, details, one button per choice (a menu past five), cancel. */
export function questionReply(lang: Lang, question: Question): Reply {
  const blocks: Block[] = [text(question.prompt), ...(question.details ?? [])];
  const actionId = `answer:${question.key}`;
  if (question.choices.length > 5) {
    blocks.push({ type: 'select', actionId, placeholder: t(lang, 'dialog.choose'), options: question.choices });
  } else if (question.choices.length > 0) {
    blocks.push({ type: 'buttons', buttons: question.choices.map((choice) => ({ label: choice.label, actionId, value: choice.value })) });
  }
  blocks.push({ type: 'buttons', buttons: [{ label: t(lang, 'dialog.cancel_button'), actionId: 'dialog:cancel', value: 'cancel' }] });
  blocks.push(text(t(lang, 'dialog.cancel_hint')));
  return privateReply(blocks);
}

