// /answer — types an answer to the member's latest question here (`/repondre oui`). On Discord
// the bot does not read channel messages (that needs a privileged intent), so this is how a
// member types "oui", a choice's name, an amount or a date there; it works everywhere else too.
// The bot routes it to the pending question before any handler runs (`answersQuestion`).
import { z } from 'zod';
import { lineTextArg } from './shared/line-text-arg.ts';
import { defineCommand } from '../core/registry.ts';

export const answerCommand = defineCommand({
  name: 'answer',
  aliases: { fr: ['repondre', 'reponse'], en: ['answer', 'reply'] },
  description: { fr: 'Répondre par écrit à la question en attente', en: 'Type an answer to the question waiting for you' },
  examples: { fr: ['/repondre oui', '/repondre 15 000 €'], en: ['/answer yes', '/answer $15,000'] },
  args: [
    lineTextArg({
      label: { fr: 'Réponse', en: 'Answer' },
      prompt: { fr: 'Quelle est votre réponse ?', en: 'What is your answer?' },
      example: { fr: 'oui', en: 'yes' },
    }),
  ],
  schema: z.object({ text: z.string().min(1) }),
  permission: 'member',
  readOnly: true,
  answersQuestion: true,
  handler: async function answerHandler() {
    // Never reached: the bot hands the line to the pending question (core/bot.ts onCommand).
    throw new Error('/answer is routed to the pending question by the bot');
  },
});
