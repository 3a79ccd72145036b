// createBot(): the one entry point adapters call. It resolves who is talking, routes the
// event to a command or to the pending conversation, runs each command in one transaction
// (with its idempotency key), and turns failures into replies in the member's language.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { DatabaseHandle, Executor } from '../db/client.ts';
import { isTransientDatabaseError } from '../db/transient-error.ts';
import { captures, processedEvents } from '../db/schema.ts';
import { recordAudit, type AuditEntry } from '../services/audit.service.ts';
import { ensureMember, ensureWorkspace, findScope, type WorkspaceDefaults } from '../services/workspace.service.ts';
import { argLabel, parseArgs, parseArgValue, type ArgEnv, type ArgValues } from './args.ts';
import type { CommandContext, FollowUp, MemberRow, Question, Scope, WorkspaceRow } from './context.ts';
import { deleteFlow, flowKey, latestFlowIn, loadFlow, loadFlowById, newFlowId, placeKey, saveFlow, touchFlow, type FlowRow, type PendingCommand } from './dialog-store.ts';
import { isUserError, UserError, type ErrorParams } from './errors.ts';
import { flowSubject, flowSubjectArg, quotedSubject, resumeLine, subjectKey } from './flow.ts';
import { formatNumber } from './format.ts';
import { clip, INPUT_LIMITS, oversizedLength } from './limits.ts';
import { withoutNul } from '../db/nul-free.ts';
import { hasMessage, localized, pickLang, t, translate } from './i18n/i18n.ts';
import { confirmQuestion, isNeedInput, NeedInput } from './question.ts';
import { captureForm, choicesReminder, commandForm, questionReply, readButton, typedChoice, type ButtonTarget } from './question-reply.ts';
import { displayName, isGroup, type CommandDefinition, type CommandGroup, type Permission, type Registry } from './registry.ts';
import { normalizeKey, tokenize } from './parse/tokenize.parser.ts';
import { todayIn } from './parse/date.parser.ts';
import { groupHelp } from './help-render.ts';
import type { AutocompleteEvent, Block, EventHandler, IncomingEvent, Lang, ReplyDraft, Suggestions } from './types.ts';
import { typesetReply } from './i18n/typography.ts';
import { suggestValues } from '../services/suggest.service.ts';
import { renderLine, resolveCommand, type CommandLine } from '../understand/command-line.ts';
import { understandSentence } from '../understand/understand.ts';
import { guessLanguage } from '../understand/language-guess.ts';
import { dealVisibility, forgetVocabulary, loadVocabulary } from '../understand/vocabulary-loader.service.ts';
import { loadTopic, saveTopic } from '../understand/topic-store.ts';
import { proposalFrame } from '../understand/model/model-frame.ts';
import type { ModelClient } from '../understand/model/model-client.ts';
import type { Frame, Understanding } from '../understand/understanding.types.ts';
import { confirmationQuestion, notUnderstoodReply, whichQuestion } from './sentence-replies.ts';
import { parseYesNo } from './parse/yes-no.parser.ts';

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
  /**
   * An optional language model (RELANCE_LLM_URL) asked about sentences the rules are unsure of;
   * its answer is checked against the registry and still confirmed before any write.
   */
  model?: ModelClient;
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
const privateReply = (blocks: Block[]): ReplyDraft => ({ blocks, visibility: 'private' });

/** Where the core's replies go before the member's language and its typography are applied. */
type DraftSink = (reply: ReplyDraft) => Promise<void>;
/** A question with a line before it, in one message (one response on Slack, one edit on Discord). */
const withLead = (lead: string, question: ReplyDraft): ReplyDraft => ({ ...question, blocks: [text(lead), ...question.blocks] });

/** What a run starts from: the command, what it was given and the answers so far. */
type FlowStart = Omit<PendingCommand, 'question'>;

/**
 * True when every value typed is one the flow already has (`/qualify 12` resumes `/qualify #12
 * meddic`). The record itself already matched through the flow's key.
 */
const givenAlready = (typed: ArgValues, stored: Record<string, unknown>, subjectArg: string | undefined): boolean =>
  Object.entries(typed).every(([name, value]) => value === undefined || name === subjectArg || JSON.stringify(stored[name]) === JSON.stringify(value));

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
    const build = (workspace: WorkspaceRow, member: MemberRow, hasDialog: boolean, hasFlows: boolean): Scope => ({
      ref: event.ref,
      actor: event.actor,
      workspace,
      member,
      // Slack button payloads carry no locale: the one remembered from earlier events stands in.
      // A message from someone whose locale nobody gave (Discord messages carry none) is answered
      // in the language it is written in.
      lang: pickLang(member.language, event.actor.locale ?? member.locale ?? (event.kind === 'message' ? guessLanguage(event.text) : undefined), workspace.defaultLanguage),
      timeZone: member.timeZone ?? event.actor.timeZone ?? workspace.timeZone,
      hasDialog,
      hasFlows,
    });
    // Known member, unchanged name and locale: one read, no transaction (the path of almost every event).
    const found = await findScope(database.db, event.ref, event.actor.id, placeKey(event.ref));
    const unchanged = (m: { displayName: string; locale: string | null }) =>
      (!event.actor.displayName || m.displayName === event.actor.displayName) && (!event.actor.locale || m.locale === event.actor.locale);
    if (found?.member && unchanged(found.member)) {
      return build(found.workspace, found.member, found.hasDialog, found.hasFlows);
    }
    return database.db.transaction(async (tx) => {
      const workspace = await ensureWorkspace(tx, event.ref, now(), options.workspaceDefaults);
      const member = await ensureMember(tx, workspace, event.actor, now());
      return build(workspace, member, found?.hasDialog ?? false, found?.hasFlows ?? false);
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
      prompt: localized(missing.prompt, scope.lang),
      choices: (missing.choices ?? []).map((choice) => ({ label: localized(choice.label, scope.lang), value: choice.value })),
    };
    if (question.choices.length === 0) {
      question.details = [text(t(scope.lang, 'dialog.example', { example: missing.example[scope.lang] }))];
    }
    throw new NeedInput(question, missing.name);
  }

  /** Claims a delivery's idempotency key; resolves with whether it was new (a retry finds it taken). */
  const claimDelivery = (tx: Executor, scope: Scope, event: IncomingEvent): Promise<boolean> =>
    tx
      .insert(processedEvents)
      .values({ workspaceId: scope.workspace.id, key: event.idempotencyKey, createdAt: now() })
      .onConflictDoNothing()
      .returning({ key: processedEvents.key })
      .execute()
      .then((rows) => rows.length > 0);

  /**
   * Keeps what a write answers with the write (inbox deliveries only): a process killed after the
   * commit but before the reply leaves it owed, and the replay sends it. Pictures and files are
   * left out (rendered again on demand, never owed by a write). Nothing is written after the
   * replies are sent: the inbox row closed right after says it, one statement fewer per command;
   * a process killed between the two sends the confirmation again on replay (at least once).
   */
  const storeReplies = async (tx: Executor, scope: Scope, event: IncomingEvent, drafts: ReplyDraft[]): Promise<void> => {
    if (!event.delivery || drafts.length === 0) return;
    const kept = drafts.map((draft) => ({ ...draft, blocks: draft.blocks.filter((block) => block.type !== 'image' && block.type !== 'file') }));
    await tx
      .update(processedEvents)
      .set({ replies: kept })
      .where(and(eq(processedEvents.workspaceId, scope.workspace.id), eq(processedEvents.key, event.idempotencyKey)));
  };

  /**
   * A replayed delivery whose work was committed already: sends the replies still owed (once) and
   * says the event is settled. False when the work was never committed: it runs as usual.
   */
  async function settleReplay(scope: Scope, event: IncomingEvent, respond: DraftSink): Promise<boolean> {
    const [row] = await database.db
      .select({ replies: processedEvents.replies, repliedAt: processedEvents.repliedAt })
      .from(processedEvents)
      .where(and(eq(processedEvents.workspaceId, scope.workspace.id), eq(processedEvents.key, event.idempotencyKey)))
      .limit(1);
    if (!row) return false;
    if (row.repliedAt === null && Array.isArray(row.replies) && row.replies.length > 0) {
      // Marked first: a second replay racing this one sends nothing (at most one copy goes out).
      const taken = await database.db
        .update(processedEvents)
        .set({ repliedAt: now() })
        .where(and(eq(processedEvents.workspaceId, scope.workspace.id), eq(processedEvents.key, event.idempotencyKey), isNull(processedEvents.repliedAt)))
        .returning({ key: processedEvents.key });
      if (taken.length === 1) for (const draft of row.replies as ReplyDraft[]) await respond(draft);
    }
    return true;
  }

  /** Whether this delivery's key was claimed already (a retry of an event that did its work). */
  async function processedAlready(scope: Scope, event: IncomingEvent): Promise<boolean> {
    const [row] = await database.db
      .select({ key: processedEvents.key })
      .from(processedEvents)
      .where(and(eq(processedEvents.workspaceId, scope.workspace.id), eq(processedEvents.key, event.idempotencyKey)))
      .limit(1);
    return row !== undefined;
  }

  /**
   * Runs a command in one transaction. `answering` is the flow whose question was just answered
   * (its version is checked); without it, the run starts the flow of this command and record,
   * replacing that flow only.
   */
  async function run(scope: Scope, event: IncomingEvent, pending: FlowStart, respond: DraftSink, answering?: FlowRow): Promise<RunResult> {
    const { command } = resolvePath(pending.path);
    const subject = pending.subject ?? flowSubject(command, pending.values);
    const key = answering?.key ?? flowKey(scope.ref, pending.path, subjectKey(subject));
    const queued: ReplyDraft[] = [];
    let offered: { flowId: string; question: Question; followUp: FollowUp } | undefined;
    let auditTarget: AuditTarget | undefined;
    let duplicate = false;
    let conflict = false;
    try {
      await database.db.transaction(async (tx) => {
        // The delivery key is claimed in the same transaction as the work: a retried delivery
        // finds its key and stops. The insert is sent without waiting (postgres.js pipelines it
        // with the command's first queries, saving a round trip); its answer is checked before
        // commit, and on any way out of the handler.
        const claim = command.readOnly ? undefined : claimDelivery(tx, scope, event);
        claim?.catch(() => {});
        const stopIfDuplicate = async (): Promise<void> => {
          if (claim && !(await claim)) {
            duplicate = true;
            throw ROLLBACK;
          }
        };
        try {
          // Answering consumes the flow's question (only the version we read: a second click
          // loses); a command typed again replaces its own flow. No other flow is touched.
          const removed = answering || scope.hasFlows ? await deleteFlow(tx, scope.workspace.id, key, answering?.version) : false;
          if (answering && !removed) {
            conflict = true;
            throw ROLLBACK;
          }
          if (ROLE_RANK[scope.member.role] < PERMISSION_RANK[command.permission]) {
            throw new UserError('forbidden', { role: command.permission === 'admin' ? 'admin' : 'manager' });
          }
          const ctx: CommandContext<unknown> = {
            ...scope,
            args: pending.values,
            tx,
            now,
            t: (messageKey, params) => t(scope.lang, messageKey, params),
            reply: (reply) => queued.push(Array.isArray(reply) ? { blocks: reply, visibility: 'private' } : reply),
            ask: (question) => {
              const answer = pending.answers[question.key];
              if (answer !== undefined) return answer;
              throw new NeedInput(question);
            },
            askFor: (argName) => askArg(scope, command, argName),
            offer: (followUp) => {
              if (offered) throw new Error(`${pending.path.join(' ')} offers two follow-ups`);
              offered = { flowId: newFlowId(), question: confirmQuestion({ key: 'offer', prompt: followUp.prompt, yes: followUp.yes, no: followUp.no }), followUp };
            },
            registry,
            ...(pending.source ? { source: pending.source } : {}),
            log: logger.child({ command: pending.path.join(' '), member: scope.member.id }),
            audit: (target) => {
              auditTarget = target;
            },
          };
          // What can be checked is checked before anything is asked: a deal that does not exist
          // is reported before the loss reason is asked for.
          for (const arg of command.args) {
            const value = pending.values[arg.name];
            if (arg.check && typeof value === 'string') await arg.check(ctx, value);
          }
          askMissingArg(scope, command, pending.values);
          const parsed = command.schema.safeParse(pending.values);
          if (!parsed.success) throw schemaError(scope.lang, command, parsed.error.issues[0], pending.values);
          ctx.args = parsed.data;
          await command.handler(ctx);
          if (command.audit) await recordAudit(tx, auditEntry(scope, command.audit, 'ok', auditTarget, now()));
          // The follow-up is its own flow, written with the work it follows.
          if (offered) await saveOffer(tx, scope, offered.flowId, offered.question, offered.followUp);
          if (!command.readOnly) await storeReplies(tx, scope, event, [...queued, ...(offered ? [questionReply(scope.lang, offered.question, offered.flowId)] : [])]);
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
      return ask(scope, event, command, { ...pending, subject, key }, error, respond, answering);
    }
    if (duplicate) return { status: 'duplicate' };
    if (conflict) return { status: 'conflict' };
    // Names and statuses may have changed: the next sentence reads them again.
    if (!command.readOnly) forgetVocabulary(database, scope.workspace.id);
    for (const reply of queued) await respond(reply);
    if (offered) await respond(questionReply(scope.lang, offered.question, offered.flowId));
    return { status: 'done' };
  }

  /**
   * Stores the question a run stopped on and asks it. The delivery's key is claimed with it, so
   * a redelivered command (a Slack retry) does not ask twice. A new flow that takes the place of
   * another open one there says how to get back to it.
   */
  async function ask(
    scope: Scope,
    event: IncomingEvent,
    command: CommandDefinition<any>,
    pending: FlowStart & { key: string },
    signal: NeedInput,
    respond: DraftSink,
    answering?: FlowRow,
  ): Promise<RunResult> {
    const { key, ...start } = pending;
    const spec = signal.argName ? command.args.find((arg) => arg.name === signal.argName) : undefined;
    if (spec?.suggest && signal.question.choices.length === 0) {
      signal.question.choices = (await spec.suggest(database.db, scope)).slice(0, 10);
    }
    // The conversation's place is kept so jobs can write to it later (reminders).
    const next: PendingCommand = { ...start, question: signal.question, ref: scope.ref, lang: scope.lang, ...(signal.argName ? { argName: signal.argName } : {}) };
    if (!signal.argName) delete next.argName;
    const flowId = answering?.flowId ?? newFlowId();
    const place = placeKey(scope.ref);
    const expiresAt = new Date(now().getTime() + (command.conversationTtlMs ?? ttl));
    let outcome: RunResult['status'] = 'asked';
    const reply = questionReply(scope.lang, signal.question, flowId);
    // A slash command missing arguments can open one form with all of them (Slack and Discord
    // modals); adapters without forms ignore the block and ask step by step.
    if (signal.argName && event.kind === 'command') reply.blocks.push(commandForm(command, start.path, scope.lang, start.values));
    try {
      await database.db.transaction(async (tx) => {
        if (!(await claimDelivery(tx, scope, event))) {
          outcome = 'duplicate';
          throw ROLLBACK;
        }
        const previous = answering ? undefined : await latestFlowIn(tx, scope.workspace.id, place, key);
        if (!(await saveFlow(tx, scope.workspace.id, { key, place, flowId, data: next, expiresAt, now: now() }, answering?.version))) {
          outcome = 'conflict';
          throw ROLLBACK;
        }
        if (previous && previous.expiresAt > now()) reply.blocks.push(text(stillWaiting(scope.lang, previous)));
        await storeReplies(tx, scope, event, [reply]);
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    if (outcome !== 'asked') return { status: outcome };
    await respond(reply);
    return { status: 'asked', pending: next };
  }

  /** `La qualification de #12 reste en attente : /qualifier #12 pour reprendre.` */
  function stillWaiting(lang: Lang, flow: FlowRow): string {
    const command = resumeLine(registry, flow.data.path, flow.data, lang);
    const label = resolvePathOrUndefined(flow.data.path)?.flowLabel;
    if (label === undefined) return t(lang, 'dialog.still_waiting', { command });
    return t(lang, 'dialog.still_waiting_named', { what: localized(label, lang, { subject: quotedSubject(flow.data.subject ?? '') }), command });
  }

  function resolvePathOrUndefined(path: string[]): CommandDefinition<any> | undefined {
    try {
      return resolvePath(path).command;
    } catch {
      return undefined;
    }
  }

  /** Writes a follow-up offer as its own flow, in the transaction of the command that made it. */
  async function saveOffer(tx: Executor, scope: Scope, flowId: string, question: Question, followUp: FollowUp): Promise<void> {
    const { command } = resolvePath(followUp.path);
    const subject = flowSubject(command, followUp.values);
    const data: PendingCommand = { path: followUp.path, values: followUp.values, answers: {}, question, ref: scope.ref, lang: scope.lang, offer: { declined: followUp.declined }, ...(subject === undefined ? {} : { subject }) };
    const expiresAt = new Date(now().getTime() + (command.conversationTtlMs ?? ttl));
    await saveFlow(tx, scope.workspace.id, { key: flowKey(scope.ref, followUp.path, subjectKey(subject)), place: placeKey(scope.ref), flowId, data, expiresAt, now: now() });
  }

  async function onCommand(scope: Scope, event: Extract<IncomingEvent, { kind: 'command' }>, respond: DraftSink): Promise<void> {
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
    if (command.understandsSentence) {
      // `/ask on a signé Garnier`, or `text:"…"` as Discord sends its option.
      const sentence = parseArgs(command.args, textAfter, argEnv(scope))['text'];
      if (typeof sentence !== 'string' || !sentence.trim()) throw new UserError('answer_empty', { example: command.examples[scope.lang][0] ?? '' });
      await onSentence(scope, event, sentence.trim(), respond);
      return;
    }
    if (command.answersQuestion) {
      // `/answer oui`, or `text:"oui"` as Discord sends its option.
      const answer = parseArgs(command.args, textAfter, argEnv(scope))['text'];
      if (typeof answer !== 'string' || !answer.trim()) throw new UserError('answer_empty', { example: command.examples[scope.lang][0] ?? '' });
      await onAnswer(scope, event, answer.trim(), undefined, respond);
      return;
    }
    await runLine(scope, event, path, command, textAfter, respond);
  }

  async function runLine(scope: Scope, event: IncomingEvent, path: string[], command: CommandDefinition<any>, line: string, respond: DraftSink): Promise<void> {
    try {
      const values = parseArgs(command.args, line, argEnv(scope));
      const subject = flowSubject(command, values);
      // The command of an open flow, typed again with what it was given (or just its record),
      // resumes it where it stopped rather than starting over.
      if (scope.hasFlows) {
        const flow = await loadFlow(database.db, scope.workspace.id, flowKey(scope.ref, path, subjectKey(subject)));
        if (flow && flow.expiresAt > now() && givenAlready(values, flow.data.values, flowSubjectArg(command, values))) {
          await resume(scope, event, flow, respond);
          return;
        }
      }
      await run(scope, event, { path, values, answers: {}, line, ...(subject === undefined ? {} : { subject }) }, respond);
    } catch (error) {
      // Mistakes in the line are shown with a complete, correct line of this very command.
      const example = command.examples[scope.lang][0];
      if (isUserError(error) && error.params['example'] === undefined && example !== undefined) {
        throw new UserError(error.code, { ...error.params, example });
      }
      throw error;
    }
  }

  /** Asks a flow's question again, here, and makes it the one bare answers go to. */
  async function resume(scope: Scope, event: IncomingEvent, flow: FlowRow, respond: DraftSink): Promise<void> {
    const fresh = await database.db.transaction(async (tx) => {
      // A redelivery of the command that resumed (or started) the flow says nothing.
      if (!(await claimDelivery(tx, scope, event))) return false;
      await touchFlow(tx, scope.workspace.id, flow.key, placeKey(scope.ref), now());
      return true;
    });
    if (!fresh) return;
    await respond(withLead(t(scope.lang, 'dialog.resumed'), questionReply(scope.lang, flow.data.question, flow.flowId)));
  }

  /**
   * A typed answer goes to the member's latest flow in this place; a click, to the flow its
   * button belongs to. An answer to a question that was answered, cancelled or has expired is
   * told so and changes nothing.
   */
  async function onAnswer(scope: Scope, event: IncomingEvent, raw: string, button: ButtonTarget | undefined, respond: DraftSink): Promise<void> {
    let flow: FlowRow | undefined;
    if (button) {
      flow = button.flowId === undefined ? undefined : await loadFlowById(database.db, scope.workspace.id, button.flowId, scope.ref);
      if (!flow) {
        // The redelivery of a click that finished its flow says nothing: it was answered once.
        if (await processedAlready(scope, event)) return;
        await respond(privateReply([text(t(scope.lang, 'dialog.gone'))]));
        return;
      }
    } else {
      flow = scope.hasDialog ? await latestFlowIn(database.db, scope.workspace.id, placeKey(scope.ref)) : undefined;
      if (!flow) {
        if ((event.kind === 'message' && event.quietIfIdle) || (await processedAlready(scope, event))) return;
        await respond(privateReply([text(t(scope.lang, 'dialog.nothing_pending'))]));
        return;
      }
    }
    if (flow.expiresAt.getTime() < now().getTime()) {
      await deleteFlow(database.db, scope.workspace.id, flow.key, flow.version);
      await respond(privateReply([text(t(scope.lang, 'dialog.expired'))]));
      return;
    }
    if (button?.cancel || (!button && CANCEL_WORDS.has(normalizeKey(raw)))) {
      await deleteFlow(database.db, scope.workspace.id, flow.key, flow.version);
      await respond(privateReply([text(t(scope.lang, 'dialog.cancelled'))]));
      return;
    }
    const pending = flow.data;
    // A click on a private message (a Slack ephemeral carries no thread) answers where its
    // question was asked: the next question of the flow is asked there too.
    if (button && pending.ref && !scope.ref.threadId && pending.ref.threadId && pending.ref.channelId === scope.ref.channelId && pending.ref.userId === scope.ref.userId) {
      scope = { ...scope, ref: { ...scope.ref, threadId: pending.ref.threadId } };
    }
    if (button && button.questionKey !== pending.question.key) {
      // A button of an earlier question of a flow still open: its current question comes again.
      await respond(withLead(t(scope.lang, 'dialog.stale'), questionReply(scope.lang, pending.question, flow.flowId)));
      return;
    }
    const { command } = resolvePath(pending.path);
    const values = { ...pending.values };
    const answers = { ...pending.answers };
    const start = (): FlowStart => ({
      path: pending.path,
      values,
      answers,
      ...(pending.source ? { source: pending.source } : {}),
      ...(pending.subject === undefined ? {} : { subject: pending.subject }),
      ...(pending.line === undefined ? {} : { line: pending.line }),
    });
    // `back`: forget the last answer and ask that question again.
    if (button === undefined && BACK_WORDS.has(normalizeKey(raw))) {
      const last = Object.keys(answers).at(-1);
      if (last === undefined) {
        await respond(withLead(t(scope.lang, 'dialog.no_back'), questionReply(scope.lang, pending.question, flow.flowId)));
        return;
      }
      delete answers[last];
      const back = await run(scope, event, start(), respond, flow);
      if (back.status === 'conflict') await respond(privateReply([text(t(scope.lang, 'dialog.gone'))]));
      return;
    }
    const choices = pending.question.choices;
    const byNumber = /^\d+$/.test(raw.trim()) ? choices[Number(raw.trim()) - 1] : undefined;
    // A free value (an amount, a name) typed for an argument or a typed-input question is never read as a prefix.
    const argKind = pending.argName === undefined ? undefined : command.args.find((arg) => arg.name === pending.argName)?.kind;
    const chosen = choices.find((c) => c.value === raw) ?? byNumber ?? typedChoice(pending.question, raw, !pending.question.input && (argKind === undefined || argKind === 'enum'));
    if (chosen === 'cancel' || (pending.offer && chosen?.value === 'no')) {
      await deleteFlow(database.db, scope.workspace.id, flow.key, flow.version);
      await respond(privateReply([text(pending.offer?.declined ?? t(scope.lang, 'dialog.cancelled'))]));
      return;
    }
    if (pending.understood || (pending.offer && chosen?.value === 'edit')) {
      if (!chosen) {
        await respond(errorReply(scope.lang, new UserError('answer_invalid', { input: raw.replace(/\s+/gu, ' ').trim(), reminder: choicesReminder(scope.lang, pending.question) })));
        return;
      }
      // The flow ends here whatever comes next (only the version read: a second click loses).
      if (!(await deleteFlow(database.db, scope.workspace.id, flow.key, flow.version))) {
        await respond(privateReply([text(t(scope.lang, 'dialog.gone'))]));
        return;
      }
      if (pending.understood) {
        await proceedFrame(scope, event, withChosenRecord(pending.understood, chosen), respond);
        return;
      }
      // « Modifier »: the line to copy and change, and the command's form filled in (Slack, Discord).
      const line = `${resolveCommand(registry, pending.path).words(scope.lang)} ${pending.line ?? ''}`.trim();
      await respond(privateReply([text(t(scope.lang, 'understand.edit_line', { line })), commandForm(command, pending.path, scope.lang, pending.values)]));
      return;
    }
    try {
      if (pending.offer) {
        // A follow-up: `yes` runs its command with the values it was offered with.
        if (chosen?.value !== 'yes') throw new UserError('answer_invalid', { input: raw.replace(/\s+/gu, ' ').trim(), reminder: choicesReminder(scope.lang, pending.question) });
      } else if (pending.argName) {
        const spec = command.args.find((arg) => arg.name === pending.argName);
        if (!spec) throw new Error(`pending argument ${pending.argName} not in ${pending.path.join(' ')}`);
        values[spec.name] = parseArgValue(spec, chosen?.value ?? raw, argEnv(scope));
      } else if (chosen) {
        answers[pending.question.key] = chosen.value;
      } else if (pending.question.input) {
        // A typed answer, read like an argument of that kind and kept as JSON for the handler.
        const env = argEnv(scope);
        const spec = { name: 'answer', kind: pending.question.input, keys: [], label: { fr: 'Réponse', en: 'Answer' }, prompt: { fr: '', en: '' }, example: { fr: '', en: '' } } as const;
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
      if (!reminded) await respond(questionReply(scope.lang, pending.question, flow.flowId));
      return;
    }
    let result: RunResult;
    try {
      result = await run(scope, event, start(), respond, flow);
    } catch (error) {
      // The command refused the collected values: the flow ends with the reason.
      if (isUserError(error)) await deleteFlow(database.db, scope.workspace.id, flow.key, flow.version);
      throw error;
    }
    if (result.status === 'conflict') await respond(privateReply([text(t(scope.lang, 'dialog.gone'))]));
  }

  /**
   * A message addressed to the bot (a DM, a mention, a terminal line without `/`): the answer to
   * the question waiting here when it is one, else a sentence in plain words.
   */
  async function onMessage(scope: Scope, event: Extract<IncomingEvent, { kind: 'message' }>, respond: DraftSink): Promise<void> {
    const flow = scope.hasDialog ? await latestFlowIn(database.db, scope.workspace.id, placeKey(scope.ref)) : undefined;
    const open = flow !== undefined && flow.expiresAt > now();
    if (open && answersFlow(flow, event.text)) return onAnswer(scope, event, event.text, undefined, respond);
    if (!open) {
      // Channel chatter the bot overhears is never read as a request.
      if (event.quietIfIdle) return;
      // The answer to a question that has expired: said so, rather than read as a request.
      if (flow !== undefined && answersFlow(flow, event.text)) return onAnswer(scope, event, event.text, undefined, respond);
      return onSentence(scope, event, event.text, respond);
    }
    // A question waits for one of its choices and this is none: a new request if it reads as one,
    // else the reminder of the choices.
    return onSentence(scope, event, event.text, respond, () => onAnswer(scope, event, event.text, undefined, respond));
  }

  /** Whether a typed text answers the flow's question rather than starting something new. */
  function answersFlow(flow: FlowRow, raw: string): boolean {
    const { question, argName } = flow.data;
    const word = normalizeKey(raw);
    if (question.input !== undefined || CANCEL_WORDS.has(word) || BACK_WORDS.has(word) || /^\d+$/.test(raw.trim())) return true;
    // A value asked for (a name, an amount, a date) takes any text; a choice among words only its words.
    const asked = argName !== undefined ? resolvePathOrUndefined(flow.data.path)?.args.find((arg) => arg.name === argName) : undefined;
    // A whole sentence where a record's name is asked (« Pour quelle société ? » → « j'ai eu Marie
    // au tel, ok pour une démo jeudi ») is first read as a request; it is the answer only if not one.
    if (asked?.completes !== undefined && asked.completes !== 'stage' && asked.completes !== 'term' && raw.trim().split(/\s+/u).length >= 5) return false;
    if (argName !== undefined && asked?.kind !== 'enum') return true;
    if (question.kind === 'confirm' && parseYesNo(raw) !== undefined) return true;
    return typedChoice(question, raw, true) !== undefined;
  }

  /**
   * A sentence in plain words (src/understand/): a read is answered at once, a write is shown as
   * its command line and done only after « Enregistrer », two records that fit are asked about,
   * and what is not understood is said so with the closest commands. `otherwise` replaces the
   * "not understood" answer (a message that was maybe an answer to a question waiting here).
   */
  async function onSentence(scope: Scope, event: IncomingEvent, sentence: string, respond: DraftSink, otherwise?: () => Promise<void>): Promise<void> {
    const vocabulary = await loadVocabulary(database, scope.workspace.id);
    const previous = await loadTopic(database.db, scope.workspace.id, scope.ref, now());
    const env = argEnv(scope);
    let understanding: Understanding = understandSentence({
      sentence,
      registry,
      vocabulary,
      env,
      speakerId: scope.member.id,
      canSee: dealVisibility(scope.member, vocabulary),
      ...(previous ? { previous } : {}),
    });
    if (options.model && (!understanding.frame || understanding.confidence < 0.7) && understanding.refusal !== 'unsafe') {
      understanding = (await askModel(scope, sentence)) ?? understanding;
    }
    if (!understanding.frame || (otherwise && understanding.confidence < 0.8)) {
      if (otherwise) return otherwise();
      // « oui », « 1 », "confirmed" with no question here: an answer to nothing, not a request.
      if (understanding.refusal === 'unknown' && sentence.trim().split(/\s+/u).length <= 2 && event.kind === 'message') {
        if (await processedAlready(scope, event)) return;
        await respond(privateReply([text(t(scope.lang, 'dialog.nothing_pending'))]));
        return;
      }
      await respond(notUnderstoodReply(scope.lang, registry, understanding, sentence));
      return;
    }
    if (understanding.ambiguous) {
      await askWhich(scope, event, understanding.frame, understanding.ambiguous, respond);
      return;
    }
    await proceedFrame(scope, event, understanding.frame, respond);
  }

  /** The model's reading of a sentence, checked against the registry; undefined when it has none or fails. */
  async function askModel(scope: Scope, sentence: string): Promise<Understanding | undefined> {
    const proposal = await options.model?.propose({ sentence, lang: scope.lang, today: todayIn(scope.timeZone, now()), timeZone: scope.timeZone });
    const frame = proposal ? proposalFrame(registry, proposal) : undefined;
    if (!frame) return undefined;
    try {
      // A value the commands' parser refuses makes the whole answer worthless.
      renderLine(registry, frame, argEnv(scope));
    } catch {
      return undefined;
    }
    return { frame, confidence: 0.7, closest: [] };
  }

  /** Runs a read, or shows a write for confirmation. */
  async function proceedFrame(scope: Scope, event: IncomingEvent, frame: Frame, respond: DraftSink): Promise<void> {
    const { command } = resolvePath(frame.path);
    const rendered = renderLine(registry, frame, argEnv(scope));
    if (command.readOnly) {
      // The question is remembered here for « et le mois dernier ? ».
      await saveTopic(database.db, scope.workspace.id, scope.ref, frame, now());
      const subject = flowSubject(command, rendered.values);
      await run(scope, event, { path: frame.path, values: rendered.values, answers: {}, line: rendered.args, ...(subject === undefined ? {} : { subject }) }, respond);
      return;
    }
    await propose(scope, event, frame.path, rendered, respond);
  }

  /** A write understood from a sentence waits for « Enregistrer »: a flow whose `yes` runs the line's values. */
  async function propose(scope: Scope, event: IncomingEvent, path: string[], rendered: CommandLine, respond: DraftSink): Promise<void> {
    const { command } = resolvePath(path);
    const subject = flowSubject(command, rendered.values);
    const question = confirmationQuestion(scope.lang, rendered.line);
    const data: PendingCommand = {
      path,
      values: rendered.values,
      answers: {},
      question,
      ref: scope.ref,
      lang: scope.lang,
      offer: { declined: t(scope.lang, 'understand.declined') },
      line: rendered.args,
      ...(subject === undefined ? {} : { subject }),
    };
    await saveQuestion(scope, event, flowKey(scope.ref, path, subjectKey(subject)), data, command.conversationTtlMs ?? ttl, respond);
  }

  /** « Plusieurs affaires correspondent. Laquelle ? » — the answer completes the sentence. */
  async function askWhich(scope: Scope, event: IncomingEvent, frame: Frame, ambiguity: NonNullable<Understanding['ambiguous']>, respond: DraftSink): Promise<void> {
    const question = whichQuestion(scope.lang, ambiguity);
    const data: PendingCommand = { path: frame.path, values: {}, answers: {}, question, ref: scope.ref, lang: scope.lang, understood: { frame, arg: ambiguity.arg } };
    await saveQuestion(scope, event, flowKey(scope.ref, frame.path, `which:${ambiguity.arg}`), data, ttl, respond);
  }

  /** Stores a question with the delivery's key (a redelivered message asks once) and asks it. */
  async function saveQuestion(scope: Scope, event: IncomingEvent, key: string, data: PendingCommand, ttlMs: number, respond: DraftSink): Promise<void> {
    const flowId = newFlowId();
    const reply = questionReply(scope.lang, data.question, flowId);
    const saved = await database.db.transaction(async (tx) => {
      if (!(await claimDelivery(tx, scope, event))) return false;
      await saveFlow(tx, scope.workspace.id, { key, place: placeKey(scope.ref), flowId, data, expiresAt: new Date(now().getTime() + ttlMs), now: now() });
      await storeReplies(tx, scope, event, [reply]);
      return true;
    });
    if (saved) await respond(reply);
  }

  /**
   * A chat message to log (Slack message shortcut, Discord message context menu): the /log form,
   * prefilled from what the rules read in the text (kind, record, outcome, next step) with the
   * text itself as notes; its source waits in `captures` for the form to come back.
   */
  async function onCapture(scope: Scope, event: Extract<IncomingEvent, { kind: 'capture' }>, respond: DraftSink): Promise<void> {
    const { command } = resolvePath(['log']);
    const prefill: ArgValues = {};
    // The prefill names only deals the member may see, as a sentence to the bot would.
    const vocabulary = event.text.trim() ? await loadVocabulary(database, scope.workspace.id) : undefined;
    const understanding = vocabulary
      ? understandSentence({ sentence: event.text.slice(0, INPUT_LIMITS.line), registry, vocabulary, env: argEnv(scope), speakerId: scope.member.id, canSee: dealVisibility(scope.member, vocabulary) })
      : undefined;
    if (understanding?.frame?.path[0] === 'log') {
      try {
        Object.assign(prefill, renderLine(registry, understanding.frame, argEnv(scope)).values);
      } catch {
        // Nothing read for sure: the form starts empty but for the notes.
      }
    }
    delete prefill['notes'];
    const notes = event.text.trim();
    if (notes) prefill['notes'] = notes.length > INPUT_LIMITS.notes ? `${notes.slice(0, INPUT_LIMITS.notes - 1)}…` : notes;
    const id = newFlowId();
    const inserted = await database.db.transaction(async (tx) => {
      // A redelivered shortcut opens nothing twice.
      if (!(await claimDelivery(tx, scope, event))) return false;
      await tx.insert(captures).values({ workspaceId: scope.workspace.id, id, memberId: scope.member.id, sourceUrl: sourceUrl(event.source.url), sourceLabel: sourceLabel(event.source), expiresAt: new Date(now().getTime() + CAPTURE_TTL_MS), createdAt: now() });
      return true;
    });
    if (!inserted) return;
    await respond(privateReply([text(t(scope.lang, 'capture.prompt')), captureForm(command, scope.lang, prefill, `capture:${id}`)]));
  }

  /** The capture form came back: /log runs with its values, the message's source kept on the activity. */
  async function onCaptureSubmitted(scope: Scope, event: Extract<IncomingEvent, { kind: 'submission' }>, id: string, respond: DraftSink): Promise<void> {
    const where = and(eq(captures.workspaceId, scope.workspace.id), eq(captures.id, id), eq(captures.memberId, scope.member.id));
    const [row] = await database.db.select().from(captures).where(where).limit(1);
    if (!row || row.expiresAt < now()) {
      if (await processedAlready(scope, event)) return;
      throw new UserError('capture_gone', {});
    }
    const { command } = resolvePath(['log']);
    const values: ArgValues = {};
    for (const arg of command.args) {
      const raw = event.values[arg.name];
      if (raw !== undefined && raw.trim() !== '') values[arg.name] = parseArgValue(arg, raw, argEnv(scope));
    }
    const source = { ...(row.sourceUrl ? { url: row.sourceUrl } : {}), ...(row.sourceLabel ? { label: row.sourceLabel } : {}) };
    const result = await run(scope, event, { path: ['log'], values, answers: {}, source }, respond);
    if (result.status === 'done') await database.db.delete(captures).where(where);
  }

  async function onSubmission(scope: Scope, event: Extract<IncomingEvent, { kind: 'submission' }>, respond: DraftSink): Promise<void> {
    const capture = /^capture:([\w-]{1,40})$/.exec(event.formId);
    if (capture) return onCaptureSubmitted(scope, event, capture[1] ?? '', respond);
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

  async function dispatch(scope: Scope, event: IncomingEvent, respond: DraftSink): Promise<void> {
    switch (event.kind) {
      case 'command':
        return onCommand(scope, event, respond);
      case 'message':
        return onMessage(scope, event, respond);
      case 'action': {
        const button = readButton(event.actionId);
        if (button) return onAnswer(scope, event, button.cancel ? 'cancel' : event.value, button, respond);
        if (event.actionId === 'run') {
          // Buttons that start a command carry the command line, e.g. `deal show #12`.
          const [name, ...rest] = tokenize(event.value);
          return onCommand(scope, { ...event, kind: 'command', name: name ?? '', text: rest.map(quotedSubject).join(' ') }, respond);
        }
        throw new UserError('action_unknown', {});
      }
      case 'submission':
        return onSubmission(scope, event, respond);
      case 'capture':
        return onCapture(scope, event, respond);
      case 'home':
        // The home tab shows "my day", the command every platform has (/aujourdhui · /today).
        return runLine(scope, event, ['today'], resolvePath(['today']).command, '', respond);
      case 'autocomplete':
        return;
    }
  }

  const handle: EventHandler = async (incoming, send) => {
    // PostgreSQL refuses U+0000 in text: a NUL pasted into a name or a note is taken out here,
    // once for every adapter, rather than failing the command at its first insert.
    const event = eventWithoutNul(incoming);
    let lang: Lang = pickLang(undefined, event.actor.locale, 'fr');
    // Every reply leaves stamped with the member's language (known once the scope is read) and
    // set in its typography: the one place that happens for the core's replies.
    const respond: DraftSink = (draft) => send(typesetReply({ ...draft, lang: draft.lang ?? lang }));
    try {
      const scope = await resolveScope(event);
      lang = scope.lang;
      // Text over the limit is refused before anything reads it (limits.ts); overheard chatter is ignored.
      const oversized = oversizedLength(event);
      if (oversized !== undefined) {
        if (event.kind === 'message' && event.quietIfIdle && !scope.hasDialog) return;
        throw tooLongError(lang, event, oversized);
      }
      // Worked again after its replica died: committed work only owes its replies.
      if (event.delivery?.replay && (await settleReplay(scope, event, respond))) return;
      await dispatch(scope, event, respond);
    } catch (error) {
      if (isUserError(error)) {
        await respond(errorReply(lang, error, event.kind === 'command' ? event.name : undefined));
        return;
      }
      // The database went away under an inbox delivery (a failover, a restart): no apology, the
      // inbox works it again shortly and the member gets the real answer.
      if (event.delivery && isTransientDatabaseError(error)) throw error;
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

  function errorReply(lang: Lang, error: UserError, commandWord?: string): ReplyDraft {
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
          .map((choice) => ({ label: localized(choice.label, scope.lang), value: choice.value }))
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

/** How long a capture form may come back (a member may leave the modal open a while). */
const CAPTURE_TTL_MS = 24 * 60 * 60 * 1000;

/** A link to keep: http(s) only, whole (a permalink is never cut), else none. */
const sourceUrl = (url: string | undefined): string | null => (url && url.length <= 2000 && /^https?:\/\/[^\s<>]+$/u.test(url) ? url : null);

/** « Marie Dubois · #ventes »: who wrote the message and where, as the platform named them. */
function sourceLabel(source: { authorName?: string; channelName?: string }): string | null {
  const parts = [source.authorName?.trim(), source.channelName?.trim() ? `#${source.channelName.trim().replace(/^#/, '')}` : undefined].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? clip(parts.join(' · '), INPUT_LIMITS.name) : null;
}

/** The event with U+0000 taken out of its texts; the platform's raw payload (logging only) is left as it came. */
function eventWithoutNul(event: IncomingEvent): IncomingEvent {
  const { raw, ...rest } = event;
  const clean = withoutNul(rest);
  if (clean === rest) return event;
  return (raw === undefined ? clean : { ...clean, raw }) as IncomingEvent;
}

/** The sentence's frame with the record the member picked among those that fit. */
function withChosenRecord(understood: NonNullable<PendingCommand['understood']>, chosen: { label: string; value: string }): Frame {
  const slot = understood.arg === 'deal' ? { type: 'deal' as const, id: Number(chosen.value.replace('#', '')), name: chosen.label } : { type: 'name' as const, name: chosen.value };
  return { path: understood.frame.path, slots: { ...understood.frame.slots, [understood.arg]: slot } };
}

/** Params the bot writes itself (its examples, its lists of choices); any other may quote the member. */
const OWN_PARAMS = new Set(['example', 'choices', 'reminder']);

/** Error params with the member's input cut to INPUT_LIMITS.echo characters: no error reply can be long. */
const quotable = (params: ErrorParams): ErrorParams =>
  Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' && !OWN_PARAMS.has(name) ? clip(value, INPUT_LIMITS.echo) : value]));


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

