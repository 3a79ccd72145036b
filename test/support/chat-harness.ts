// Drives the real bot on a real database (PGlite in memory, or TEST_DATABASE_URL) the way an
// adapter would: events in, Reply objects out. Each session gets its own workspace, so tests
// sharing one database never see each other's rows.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { renderText } from '../../adapters/console/render-text.ts';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { createBot, type Bot } from '../../src/core/bot.ts';
import type { Registry } from '../../src/core/registry.ts';
import type { ModelClient } from '../../src/understand/model/model-client.ts';
import type { Actor, ConversationRef, IncomingEvent, Reply } from '../../src/core/types.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { ensureMember, ensureWorkspace, setMember } from '../../src/services/workspace.service.ts';

export interface Harness {
  database: DatabaseHandle;
  clock: { now: Date };
  /** Log lines written by the bot (pino JSON), for assertions on error logging. */
  logs: string[];
  bot: Bot;
  /** A fresh bot on the same database, as after a restart. */
  restart(): void;
  session(options?: SessionOptions): Promise<Session>;
  close(): Promise<void>;
}

export interface SessionOptions {
  workspace?: string;
  user?: string;
  name?: string;
  role?: 'rep' | 'manager' | 'admin';
  team?: string;
  locale?: string;
  channel?: string;
}

export interface Session {
  ref: ConversationRef;
  actor: Actor;
  workspace: string;
  /** Sends a command line such as `/log call Acme`; returns the replies' text. */
  send(line: string, key?: string): Promise<string>;
  /** Sends a free-text message (a dialog answer). */
  say(text: string): Promise<string>;
  /** Clicks the n-th (1-based) button or option of the last reply that had any. */
  click(n: number, key?: string): Promise<string>;
  /** The buttons and options of the last reply that had any, to click later (an old message). */
  buttons(): Array<{ actionId: string; value: string }>;
  /** Clicks a button kept from an earlier reply (see `buttons`). */
  press(button: { actionId: string; value: string }, key?: string): Promise<string>;
  /** Raw replies of the last event. */
  replies: Reply[];
  /** Another member of the same workspace. */
  as(options: SessionOptions): Promise<Session>;
}

export const testDatabaseTarget = (): string => process.env['TEST_DATABASE_URL'] ?? 'memory://';

export async function openHarness(options: { now?: string; registry?: Registry; model?: ModelClient } = {}): Promise<Harness> {
  const database = await openDatabase({ target: testDatabaseTarget(), maxConnections: 4 });
  const clock = { now: new Date(options.now ?? '2026-11-24T09:00:00Z') };
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const make = () => createBot({ database, registry: options.registry ?? createDefaultRegistry(), logger, now: () => clock.now, ...(options.model ? { model: options.model } : {}) });
  const harness: Harness = {
    database,
    clock,
    logs,
    bot: make(),
    restart() {
      harness.bot = make();
    },
    async session(sessionOptions = {}) {
      return createSession(harness, sessionOptions.workspace ?? `ws-${randomUUID()}`, sessionOptions);
    },
    close: () => database.close(),
  };
  return harness;
}

async function createSession(harness: Harness, workspace: string, options: SessionOptions): Promise<Session> {
  const user = options.user ?? `U${randomUUID().slice(0, 8)}`;
  // Tests read English unless they ask for another locale.
  const actor: Actor = { id: user, displayName: options.name ?? user, locale: options.locale ?? 'en-US' };
  const ref: ConversationRef = { platform: 'console', workspaceId: workspace, channelId: options.channel ?? 'C1', userId: user, isDM: false };
  // Members are set up through the real services, like the console's --role does.
  await harness.database.db.transaction(async (tx) => {
    const ws = await ensureWorkspace(tx, ref, harness.clock.now);
    const member = await ensureMember(tx, ws, actor, harness.clock.now);
    if (options.role || options.team) await setMember(tx, member, { ...(options.role ? { role: options.role } : {}), ...(options.team ? { team: options.team } : {}) });
  });
  let lastActions: Array<{ actionId: string; value: string }> = [];
  const session: Session = {
    ref,
    actor,
    workspace,
    replies: [],
    async send(line, key) {
      const match = /^\/(\S+)\s*(.*)$/su.exec(line);
      if (!match) throw new Error(`not a command: ${line}`);
      return deliver({ kind: 'command', name: match[1] ?? '', text: match[2] ?? '', ref, actor, idempotencyKey: key ?? randomUUID() });
    },
    async say(text) {
      return deliver({ kind: 'message', text, ref, actor, idempotencyKey: randomUUID() });
    },
    async click(n, key) {
      const action = lastActions[n - 1];
      if (!action) throw new Error(`no button ${n}; last actions: ${JSON.stringify(lastActions)}`);
      return deliver({ kind: 'action', actionId: action.actionId, value: action.value, ref, actor, idempotencyKey: key ?? randomUUID() });
    },
    buttons: () => [...lastActions],
    async press(button, key) {
      return deliver({ kind: 'action', actionId: button.actionId, value: button.value, ref, actor, idempotencyKey: key ?? randomUUID() });
    },
    as: (other) => createSession(harness, workspace, other),
  };
  async function deliver(event: IncomingEvent): Promise<string> {
    const replies: Reply[] = [];
    await harness.bot.handle(event, async (reply) => {
      replies.push(reply);
    });
    session.replies = replies;
    const rendered = replies.map(renderText);
    const withActions = rendered.filter((r) => r.actions.length > 0).at(-1);
    if (withActions) lastActions = withActions.actions;
    return rendered.map((r) => r.text).join('\n');
  }
  return session;
}
