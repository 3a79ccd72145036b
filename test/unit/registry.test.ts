import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { parseArgs } from '../../src/core/args.ts';
import { UserError } from '../../src/core/errors.ts';
import { tokenize } from '../../src/core/parse/tokenize.parser.ts';
import { createRegistry, defineCommand, isGroup } from '../../src/core/registry.ts';
import { logCommand } from '../../src/commands/log.command.ts';

const stub = (name: string, fr: string[], en: string[]) =>
  defineCommand({ name, aliases: { fr, en }, description: { fr: 'x', en: 'x' }, examples: { fr: ['x'], en: ['x'] }, args: [], schema: z.object({}), permission: 'member', handler: async () => {} });

const env = { lang: 'en' as const, timeZone: 'Europe/Paris', currency: 'EUR', now: new Date('2026-11-24T09:00:00Z') };

describe('registry', () => {
  it('builds from the real command list without collisions', () => {
    const registry = createRegistry(commands);
    expect(registry.find('journal')?.name).toBe('log');
    expect(registry.find('AFFAIRE')?.name).toBe('deal');
  });

  it('refuses two commands answering to the same word, accents and case ignored', () => {
    expect(() => createRegistry([stub('one', ['étape'], ['one']), stub('two', ['Etape'], ['two'])])).toThrow(/Alias collision.*etape/);
  });

  it('every example line of every command reads without error', () => {
    const registry = createRegistry(commands);
    for (const entry of commands) {
      const subs = isGroup(entry) ? entry.subcommands : [entry];
      for (const command of subs) {
        for (const lang of ['fr', 'en'] as const) {
          for (const example of command.examples[lang]) {
            const [name, ...rest] = tokenize(example.slice(1));
            const found = registry.find(name ?? '');
            expect(found, example).toBeDefined();
            let text = example.replace(/^\/\S+\s*/, '');
            if (found && isGroup(found)) {
              const sub = registry.findSub(found, rest[0] ?? '');
              // `/define churn`: no subcommand word, the whole line goes to the fallback.
              if (sub || found.fallbackSubcommand !== command.name) {
                expect(sub, example).toBe(command);
                text = text.replace(/^\S+\s*/, '');
              }
            }
            expect(() => parseArgs(command.args, text, { ...env, lang }), example).not.toThrow();
          }
        }
      }
    }
  });
});

describe('parseArgs on /log', () => {
  it('reads kinds, named options, quoted names and free notes', () => {
    const values = parseArgs(logCommand.args, 'call "Acme Corp" outbound 20min positive Budget confirmed next: "send quote" due:friday', env);
    expect(values).toEqual({
      type: 'call',
      target: 'Acme Corp',
      direction: 'outbound',
      duration: 20,
      outcome: 'positive',
      notes: 'Budget confirmed',
      next: 'send quote',
      due: '2026-11-27',
    });
  });

  it('leaves the bare target empty when deal: is given', () => {
    expect(parseArgs(logCommand.args, 'email deal:#4 Asked for a discount', env)).toEqual({ type: 'email', deal: '#4', notes: 'Asked for a discount' });
  });

  it('names the problem of a bad value', () => {
    try {
      parseArgs(logCommand.args, 'call Acme due:31/02', env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('date_impossible');
    }
  });

  it('glues "15 000 €" back into one amount', async () => {
    const { dealNewCommand } = await import('../../src/commands/deal/deal-new.command.ts');
    expect(parseArgs(dealNewCommand.args, '"Acme renewal" Acme 15 000 € close:30/12', env)).toMatchObject({ amount: { minor: 1_500_000, currency: 'EUR' }, close: '2026-12-30' });
  });
});
