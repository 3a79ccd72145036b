// /lang — a member picks French or English for their replies.
import { z } from 'zod';
import { defineCommand } from '../core/registry.ts';
import { t } from '../core/i18n/i18n.ts';
import { setMember } from '../services/workspace.service.ts';

export const languageCommand = defineCommand({
  name: 'lang',
  aliases: { fr: ['langue'], en: ['language', 'lang'] },
  description: { fr: 'Choisir la langue de mes réponses', en: 'Choose the language of my replies' },
  examples: { fr: ['/langue en'], en: ['/language fr'] },
  args: [
    {
      name: 'lang',
      kind: 'enum',
      keys: ['langue', 'language'],
      position: 0,
      required: true,
      choices: [
        { value: 'fr', label: { fr: 'Français', en: 'French' }, aliases: ['francais', 'french'] },
        { value: 'en', label: { fr: 'Anglais', en: 'English' }, aliases: ['anglais', 'english'] },
      ],
      label: { fr: 'Langue', en: 'Language' },
      prompt: { fr: 'Quelle langue ?', en: 'Which language?' },
      example: { fr: 'en', en: 'fr' },
    },
  ],
  schema: z.object({ lang: z.enum(['fr', 'en']) }),
  permission: 'member',
  handler: async function setLanguageHandler(ctx) {
    await setMember(ctx.tx, ctx.member, { language: ctx.args.lang });
    // Answer in the language just chosen.
    // Said in the new language, and set in its typography.
    ctx.reply({ blocks: [{ type: 'text', text: t(ctx.args.lang, 'language.set') }], visibility: 'private', lang: ctx.args.lang });
  },
});
