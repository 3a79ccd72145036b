// What a command handler receives. Handlers never see the platform: they read typed
// arguments, use services inside the command's transaction, and queue replies that are
// sent only once the transaction has committed.
import type { Logger } from 'pino';
import type { Executor } from '../db/client.ts';
import type { members, workspaces } from '../db/schema.ts';
import type { MessageKey } from './i18n/i18n.ts';
import type { Registry } from './registry.ts';
import type { Actor, Block, ChoiceSpec, ConversationRef, Lang, ReplyDraft } from './types.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

/** A question the command needs answered before it can finish (a choice among buttons). */
export interface Question {
  /** Stable key; the answer is stored under it while the conversation goes on. */
  key: string;
  /** The question, in the member's language. */
  prompt: string;
  /** The possible answers; the member clicks one, types its number or its label. */
  choices: ChoiceSpec[];
  /** Extra lines shown above the choices. */
  details?: Block[];
  /** A typed answer is also accepted, read as this kind (an amount, a date, free text). */
  input?: 'amount' | 'date' | 'text';
  /** For `date` input: refuse days before today. */
  notBeforeToday?: boolean;
  /**
   * A yes/no question (built with `confirmQuestion`): typed yes words (`oui`, `ok`, `yes`…) pick
   * the first choice, no words the second, or cancel the question when there is no second.
   */
  kind?: 'confirm';
}

/** A follow-up command offered after a command committed (see `CommandContext.offer`). */
export interface FollowUp {
  prompt: string;
  yes: string;
  no: string;
  /** What `no` answers. */
  declined: string;
  path: string[];
  values: Record<string, unknown>;
}

/** Everything about the member and place a command runs for. */
export interface Scope {
  ref: ConversationRef;
  actor: Actor;
  workspace: WorkspaceRow;
  member: MemberRow;
  lang: Lang;
  timeZone: string;
  /** False when the member had no open flow in this place (channel, thread) when the event arrived. */
  hasDialog: boolean;
  /** False when the member had no open flow anywhere (saves looking one up on most commands). */
  hasFlows: boolean;
}

export interface CommandContext<A = Record<string, unknown>> extends Scope {
  args: A;
  /** The command's transaction: everything written through it commits or rolls back together. */
  tx: Executor;
  now(): Date;
  /** Text in the member's language. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Queues a reply; sent after the transaction commits. */
  reply(reply: ReplyDraft | Block[]): void;
  /**
   * Returns the member's answer to `question`. When not answered yet, stops the command
   * (rolling back its transaction), asks the question and runs the command again with the answer.
   */
  ask(question: Question): string;
  /** Asks for one of the command's own arguments (as guided mode does), then runs again with it. */
  askFor(argName: string): never;
  /**
   * Offers a follow-up once this command has committed: a yes/no question, asked after the
   * command's replies, whose `yes` runs the command at `path` with `values` (its own flow, so
   * walking away from it loses nothing already done) and whose `no` answers `declined`.
   */
  offer(offer: FollowUp): void;
  registry: Registry;
  /** The chat message this run was started from (a captured message), to keep on what it writes. */
  source?: { url?: string; label?: string };
  log: Logger;
  /** For audited commands: the record acted on and what to keep about it (never personal data). */
  audit(target: { type: string; id: string | number; details?: Record<string, unknown> }): void;
}
