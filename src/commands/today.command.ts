// /aujourdhui · /today — "my day": the deals to follow up today (the morning reminder's, with its
// buttons), overdue next steps, deals closing this month, the week's figures against the
// objective, quick buttons, and for managers their team. The same Reply is the Slack App Home.
import { z } from 'zod';
import { defineCommand } from '../core/registry.ts';
import { loadMyDay } from '../services/my-day.service.ts';
import { myDayReply } from './shared/my-day-view.ts';

export const todayCommand = defineCommand({
  name: 'today',
  aliases: { fr: ['aujourdhui', 'journee', 'ma-journee'], en: ['today', 'my-day'] },
  description: {
    fr: 'Ma journée : relances du jour, étapes en retard, signatures du mois, chiffres de la semaine',
    en: 'My day: follow-ups, overdue next steps, deals closing this month, this week’s figures',
  },
  examples: { fr: ['/aujourdhui'], en: ['/today'] },
  args: [],
  schema: z.object({}),
  permission: 'member',
  readOnly: true,
  handler: async function todayHandler(ctx) {
    const day = await loadMyDay(ctx.tx, { workspace: ctx.workspace, member: ctx.member, timeZone: ctx.timeZone, now: ctx.now() });
    ctx.reply(myDayReply(day, ctx.lang));
  },
});
