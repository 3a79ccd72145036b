// The terminal adapter: an interactive prompt on a TTY; with piped input, one command per line,
// each reply printed, and the process done at end of input. `--json` prints each Reply as one line.
// Charts and export files are written to disk (attachment-files.ts) and shown by their path.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor, ChatAdapter, ConversationRef, EventHandler, IncomingEvent, Reply } from '../../src/core/types.ts';
import { isAttachment, type AttachmentBlock } from '../shared/attachments.ts';
import { DEFAULT_FILE_DIR, KEEP_FILES, saveAttachments } from './attachment-files.ts';
import { renderTextWithFiles, type RenderedReply } from './render-text.ts';

export interface ConsoleAdapterConfig {
  input: Readable;
  output: Writable;
  /** Print each reply as one JSON line of the Reply model. */
  json: boolean;
  actor: Actor;
  /** Workspace name for the console tenant. */
  workspaceId: string;
  /** Show a prompt (interactive terminal). */
  interactive: boolean;
  /**
   * Folder for the files of replies: chart PNGs and exports (e.g. `<data dir>/charts`); the system
   * temp folder's `relance-charts` by default. Created (or tightened) to 0700, files 0600.
   */
  chartDir?: string;
  /** Files kept in that folder, charts and exports together (the oldest are deleted); 50 by default. */
  keepCharts?: number;
  /** Where problems writing charts and files are reported; stderr by default. */
  errors?: Writable;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** Resolves when the input has ended and every line has been handled. */
  readonly finished: Promise<void>;
  /** Resolves once every line received so far has been handled. */
  drained(): Promise<void>;
}

export function createConsoleAdapter(config: ConsoleAdapterConfig): ConsoleAdapter {
  const ref: ConversationRef = {
    platform: 'console',
    workspaceId: config.workspaceId,
    channelId: 'terminal',
    userId: config.actor.id,
    isDM: true,
  };
  let lastActions: RenderedReply['actions'] = [];
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let rl: ReturnType<typeof createInterface> | undefined;
  let queue = Promise.resolve();

  const errors = config.errors ?? process.stderr;
  const print = async (reply: Reply): Promise<void> => {
    const paths = await saveAttachments(reply.blocks.filter(isAttachment), config.chartDir ?? DEFAULT_FILE_DIR, {
      keep: config.keepCharts ?? KEEP_FILES,
      onError: (error, block) => errors.write(`relance: could not save the ${block.type === 'image' ? 'chart' : 'file'} ${block.fileName}: ${(error as Error).message}\n`),
    });
    const rendered = renderTextWithFiles(reply, paths);
    lastActions = rendered.actions;
    config.output.write(config.json ? `${JSON.stringify(jsonReply(reply, paths))}\n` : `${rendered.text}\n\n`);
  };

  /** Turns a typed line into an event: `/command …`, a button number, or a free answer. */
  const toEvent = (line: string): IncomingEvent => {
    const base = { ref, actor: config.actor, idempotencyKey: randomUUID() };
    const command = /^\/(\S*)\s*(.*)$/su.exec(line);
    if (command) return { ...base, kind: 'command', name: command[1] ?? '', text: command[2] ?? '' };
    const number = /^\d+$/.test(line) ? lastActions[Number(line) - 1] : undefined;
    if (number) return { ...base, kind: 'action', actionId: number.actionId, value: number.value };
    return { ...base, kind: 'message', text: line };
  };

  return {
    platform: 'console',
    finished,
    async start(handler: EventHandler) {
      rl = createInterface({ input: config.input, terminal: config.interactive, ...(config.interactive ? { output: config.output } : {}) });
      if (config.interactive) {
        rl.setPrompt('relance> ');
        rl.prompt();
      }
      // Lines are handled strictly one after another: a piped script must behave like a person typing.
      rl.on('line', (raw) => {
        const line = raw.trim();
        queue = queue.then(async () => {
          if (line && !line.startsWith('#')) {
            await handler(toEvent(line), print);
          }
          if (config.interactive) rl?.prompt();
        }).catch((error: unknown) => {
          // The bot answers every failure itself; reaching here means the process is shutting down.
          process.stderr.write(`relance: ${(error as Error).message}\n`);
        });
      });
      rl.on('close', () => {
        void queue.then(() => finish());
      });
    },
    async stop() {
      rl?.close();
    },
    drained: () => queue,
    async send(target, reply) {
      // Scheduled messages (reminders, digests) may be meant for someone else in this database:
      // the terminal shows them all, saying who they are for.
      if (!config.json && target.userId !== config.actor.id) config.output.write(`→ ${target.isDM ? target.userId : `#${target.channelId}`}\n`);
      await print(reply);
    },
  };
}

/**
 * The Reply as printed by `--json`: the content of a chart (`png`) or file (`bytes`) is replaced
 * by its size in bytes (`bytes`) and the path of the file written (`path`, absent if it could not be).
 */
function jsonReply(reply: Reply, paths: ReadonlyMap<AttachmentBlock, string>): unknown {
  const where = (block: AttachmentBlock) => {
    const file = paths.get(block);
    return file ? { path: file } : {};
  };
  return {
    ...reply,
    blocks: reply.blocks.map((block) => {
      if (block.type === 'image') {
        const { png, ...rest } = block;
        return { ...rest, bytes: png.byteLength, ...where(block) };
      }
      if (block.type === 'file') {
        const { bytes, ...rest } = block;
        return { ...rest, bytes: bytes.byteLength, ...where(block) };
      }
      return block;
    }),
  };
}
