import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { catalogues, flatten, pickLang } from '../../src/core/i18n/i18n.ts';
import { messageArguments } from '../../src/core/i18n/message-format.ts';
import { isGroup, type CommandDefinition } from '../../src/core/registry.ts';


describe('catalogues', () => {
  const fr = flatten(catalogues.fr);
  const en = flatten(catalogues.en);

  it('have exactly the same keys in French and English', () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
  });

  it('use the same ICU arguments for each key and have no empty text', () => {
    for (const [key, text] of fr) {
      expect(text.trim(), key).not.toBe('');
      expect(messageArguments(en.get(key) ?? ''), key).toEqual(messageArguments(text));
    }
  });
});

describe('command texts', () => {
  const all: Array<CommandDefinition<any>> = commands.flatMap((entry) => (isGroup(entry) ? entry.subcommands : [entry]));

  it('exist in both languages for every command, argument and choice', () => {
    for (const command of all) {
      for (const lang of ['fr', 'en'] as const) {
        expect(command.description[lang], command.name).not.toBe('');
        expect(command.examples[lang].length, `${command.name} examples ${lang}`).toBeGreaterThan(0);
        expect(command.aliases[lang].length, `${command.name} aliases ${lang}`).toBeGreaterThan(0);
        for (const arg of command.args) {
          expect(arg.label[lang].trim(), `${command.name}.${arg.name} label`).not.toBe('');
          expect(arg.prompt[lang], `${command.name}.${arg.name}`).not.toBe('');
          expect(arg.example[lang], `${command.name}.${arg.name}`).not.toBe('');
          for (const choice of arg.choices ?? []) expect(choice.label[lang]).not.toBe('');
        }
      }
    }
  });
});

describe('pickLang', () => {
  it('prefers the member setting, then the platform locale, then the workspace default', () => {
    expect(pickLang('en', 'fr-FR', 'fr')).toBe('en');
    expect(pickLang(null, 'en-US', 'fr')).toBe('en');
    expect(pickLang(null, 'de-DE', 'en')).toBe('en');
    expect(pickLang(null, undefined, 'fr')).toBe('fr');
  });
});
