// /help — every command with an example, or one command's arguments and examples.
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { commandHelp, groupHelp, overviewHelp } from '../core/help-render.ts';
import { defineCommand, displayName, isGroup } from '../core/registry.ts';

export const helpCommand = defineCommand({
  name: 'help',
  aliases: { fr: ['aide'], en: ['help'] },
  description: { fr: "Lister les commandes, ou l’aide d’une commande", en: 'List the commands, or help on one command' },
  examples: { fr: ['/aide', '/aide journal', '/aide affaire perdue'], en: ['/help', '/help log', '/help deal lost'] },
  args: [
    { name: 'command', kind: 'text', keys: ['commande', 'command'], position: 0, label: { fr: 'Commande', en: 'Command' }, prompt: { fr: 'Quelle commande ?', en: 'Which command?' }, example: { fr: 'journal', en: 'log' } },
    { name: 'sub', kind: 'text', keys: ['sous-commande', 'subcommand'], position: 1, label: { fr: 'Sous-commande', en: 'Subcommand' }, prompt: { fr: 'Quelle sous-commande ?', en: 'Which subcommand?' }, example: { fr: 'perdue', en: 'lost' } },
  ],
  schema: z.object({ command: z.string().optional(), sub: z.string().optional() }),
  permission: 'member',
  readOnly: true,
  handler: async function helpHandler(ctx) {
    const { command, sub } = ctx.args;
    if (command === undefined) {
      ctx.reply(overviewHelp(ctx.registry.entries, ctx.lang));
      return;
    }
    const entry = ctx.registry.find(command.replace(/^\//, ''));
    if (!entry) throw new UserError('unknown_command', { name: command });
    if (!isGroup(entry)) {
      ctx.reply(commandHelp(entry, ctx.lang, '/'));
      return;
    }
    if (sub === undefined) {
      ctx.reply(groupHelp(entry, ctx.lang));
      return;
    }
    const found = ctx.registry.findSub(entry, sub);
    if (!found) throw new UserError('unknown_subcommand', { name: sub, choices: entry.subcommands.map((s) => displayName(s, ctx.lang)).join(', ') });
    ctx.reply(commandHelp(found, ctx.lang, `/${displayName(entry, ctx.lang)} `));
  },
});
