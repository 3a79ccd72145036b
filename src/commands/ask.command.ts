// /ask · /demander — a sentence in plain words (`/demander on a signé Garnier !`), read by the
// understanding rules (src/understand/). It works where the bot cannot read messages (Discord
// channels without a mention, Slack channels it is not in). Reads are answered at once; writes
// are shown as their command line and done only after a click. The bot routes the line
// before any handler runs (`understandsSentence`).
import { z } from 'zod';
import { lineTextArg } from './shared/line-text-arg.ts';
import { defineCommand } from '../core/registry.ts';

export const askCommand = defineCommand({
  name: 'ask',
  aliases: { fr: ['demander', 'dis'], en: ['ask'] },
  description: { fr: 'Dire en une phrase ce que vous voulez faire ou savoir', en: 'Say in a sentence what you want to do or know' },
  examples: {
    fr: ['/demander on a signé Garnier !', '/demander où en est le pipe de l’équipe ce trimestre ?'],
    en: ['/ask we closed Garnier!', '/ask what is our win rate this quarter?'],
  },
  args: [
    lineTextArg({
      label: { fr: 'Phrase', en: 'Sentence' },
      prompt: { fr: 'Que voulez-vous faire ou savoir ?', en: 'What do you want to do or know?' },
      example: { fr: 'j’ai eu Marie Rousseau au tel, ok pour une démo jeudi', en: 'just called Sophie at Acme, she wants a demo Thursday' },
    }),
  ],
  schema: z.object({ text: z.string().min(1) }),
  permission: 'member',
  readOnly: true,
  understandsSentence: true,
  handler: async function askHandler() {
    // Never reached: the bot reads the sentence itself (core/bot.ts onCommand).
    throw new Error('/ask is read by the bot before any handler');
  },
});
