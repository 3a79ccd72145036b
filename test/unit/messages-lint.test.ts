// Every text the bot shows, checked in both languages: each is a valid ICU message with the same
// arguments in French and English, counts go through `plural`, and the typography rules of
// src/core/i18n/typography.ts hold (no "(s)", no word written twice, French spaces, English
// spacing). Grouped by area so a failure lists everything to fix there at once.
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { flatten } from '../../src/core/i18n/i18n.ts';
import { fr } from '../../src/core/i18n/fr.ts';
import { en } from '../../src/core/i18n/en.ts';
import { compileMessage, messageArguments, pluralArguments } from '../../src/core/i18n/message-format.ts';
import { typographyProblems } from '../../src/core/i18n/typography.ts';
import { isGroup, type CommandDefinition } from '../../src/core/registry.ts';
import type { Lang } from '../../src/core/types.ts';
import { builtInTerms } from '../../src/glossary/glossary-data.ts';
import { kpis } from '../../src/kpi/kpi.service.ts';
import { frameworks } from '../../src/qualification/frameworks.ts';
import { defaultStages } from '../../src/services/workspace.service.ts';

/** Arguments that hold a count: they must be read through `plural`. */
const COUNT_ARGUMENTS = new Set(['count', 'n', 'total', 'created', 'advanced', 'won', 'lost', 'days', 'years', 'hours', 'minutes', 'followups', 'stale', 'overdue', 'deals', 'rows', 'lines', 'mentions', 'contacts', 'done', 'skipped', 'left']);

type Pair = { where: string; fr: string; en: string };

function problemsOf(pairs: Pair[]): string[] {
  const problems: string[] = [];
  for (const { where, fr: frText, en: enText } of pairs) {
    const texts: Array<[Lang, string]> = [['fr', frText], ['en', enText]];
    let valid = true;
    for (const [lang, text] of texts) {
      try {
        compileMessage(lang, text);
      } catch (error) {
        valid = false;
        problems.push(`${where} (${lang}): not a valid ICU message: ${(error as Error).message}`);
      }
      for (const problem of typographyProblems(text, lang)) problems.push(`${where} (${lang}): ${problem} — ${JSON.stringify(text)}`);
    }
    if (!valid) continue;
    const [frArgs, enArgs] = [messageArguments(frText), messageArguments(enText)];
    if (frArgs.join() !== enArgs.join()) problems.push(`${where}: arguments differ: fr {${frArgs.join(', ')}} en {${enArgs.join(', ')}}`);
    for (const [lang, text] of texts) {
      const plural = new Set(pluralArguments(text));
      for (const name of messageArguments(text)) {
        if (COUNT_ARGUMENTS.has(name) && !plural.has(name)) problems.push(`${where} (${lang}): the count {${name}} is printed without plural`);
      }
    }
  }
  return problems;
}

/** The catalogue's pairs, by area (the top-level key, one file in src/core/i18n/messages/). */
const catalogueAreas = (): Map<string, Pair[]> => {
  const frFlat = flatten(fr);
  const enFlat = flatten(en);
  const areas = new Map<string, Pair[]>();
  for (const [key, text] of frFlat) {
    const area = key.split('.')[0]!;
    areas.set(area, [...(areas.get(area) ?? []), { where: key, fr: text, en: enFlat.get(key) ?? '' }]);
  }
  return areas;
};

const commandPairs = (): Pair[] => {
  const all: Array<CommandDefinition<any>> = commands.flatMap((entry) => (isGroup(entry) ? entry.subcommands : [entry]));
  const pairs: Pair[] = [];
  for (const command of all) {
    pairs.push({ where: `/${command.name} description`, ...command.description });
    if (command.flowLabel) pairs.push({ where: `/${command.name} flowLabel`, ...command.flowLabel });
    for (const arg of command.args) {
      pairs.push({ where: `/${command.name} ${arg.name} label`, ...arg.label });
      pairs.push({ where: `/${command.name} ${arg.name} prompt`, ...arg.prompt });
      for (const choice of arg.choices ?? []) pairs.push({ where: `/${command.name} ${arg.name} choice ${choice.value}`, ...choice.label });
    }
  }
  return pairs;
};

/**
 * Labels are nouns, questions are questions: an argument's label (help, forms, errors) never ends
 * with "?"; its prompt, which guided mode asks, always does.
 */
const labelAndPromptProblems = (): string[] => {
  const all: Array<CommandDefinition<any>> = commands.flatMap((entry) => (isGroup(entry) ? entry.subcommands : [entry]));
  const problems: string[] = [];
  for (const command of all) {
    for (const arg of command.args) {
      for (const lang of ['fr', 'en'] as const) {
        if (/\?\s*$/u.test(arg.label[lang])) problems.push(`/${command.name} ${arg.name} label (${lang}) is a question: ${JSON.stringify(arg.label[lang])}`);
        if (!/\?$/u.test(arg.prompt[lang])) problems.push(`/${command.name} ${arg.name} prompt (${lang}) is not a question: ${JSON.stringify(arg.prompt[lang])}`);
      }
    }
  }
  return problems;
};

const domainPairs = (): Pair[] => [
  ...kpis.flatMap((kpi) => [{ where: `kpi ${kpi.key} name`, ...kpi.name }, ...(kpi.summary ? [{ where: `kpi ${kpi.key} summary`, ...kpi.summary }] : [])]),
  ...Object.values(frameworks).flatMap((framework) =>
    framework.criteria.flatMap((criterion) => [
      { where: `${framework.name} ${criterion.key} name`, ...criterion.name },
      { where: `${framework.name} ${criterion.key} question`, ...criterion.question },
      { where: `${framework.name} ${criterion.key} tip`, ...criterion.tip },
    ]),
  ),
  ...defaultStages.map((stage) => ({ where: `stage ${stage.key}`, fr: stage.nameFr, en: stage.nameEn })),
];

/** Glossary entries are prose, not messages: typography only. */
const glossaryProblems = (): string[] =>
  builtInTerms().flatMap((term) =>
    (['fr', 'en'] as const).flatMap((lang) =>
      [term[lang].name, term[lang].definition].flatMap((text) => typographyProblems(text, lang).map((problem) => `glossary ${term.id} (${lang}): ${problem} — ${JSON.stringify(text.slice(0, 120))}`)),
    ),
  );

describe('message lint', () => {
  for (const [area, pairs] of catalogueAreas()) {
    it(`catalogue area "${area}"`, () => {
      expect(problemsOf(pairs)).toEqual([]);
    });
  }
  it('command texts (descriptions, labels, prompts, choices)', () => {
    expect(problemsOf(commandPairs())).toEqual([]);
  });
  it('argument labels are nouns and prompts are questions', () => {
    expect(labelAndPromptProblems()).toEqual([]);
  });
  it('figures, qualification frameworks and stages', () => {
    expect(problemsOf(domainPairs())).toEqual([]);
  });
  it('glossary', () => {
    expect(glossaryProblems()).toEqual([]);
  });
});
