// /define daily on|off — a term of the day in this channel, every morning.
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { defineCommand } from '../../core/registry.ts';
import { glossaryDailyChannels } from '../../db/schema.ts';

export const defineDailyCommand = defineCommand({
  name: 'daily',
  aliases: { fr: ['quotidien', 'jour'], en: ['daily'] },
  description: { fr: 'Activer ou désactiver le terme du jour dans ce canal', en: 'Turn the term of the day on or off in this channel' },
  examples: { fr: ['/definir quotidien on'], en: ['/define daily on'] },
  args: [
    {
      name: 'state',
      kind: 'enum',
      keys: ['etat', 'state'],
      position: 0,
      required: true,
      choices: [
        { value: 'on', label: { fr: 'Activer', en: 'On' }, aliases: ['oui', 'yes', 'activer', 'active'] },
        { value: 'off', label: { fr: 'Désactiver', en: 'Off' }, aliases: ['non', 'no', 'desactiver', 'stop'] },
      ],
      label: { fr: 'Définition du jour', en: 'Daily definition' },
      prompt: { fr: 'Activer ou désactiver ?', en: 'Turn it on or off?' },
      example: { fr: 'on', en: 'on' },
    },
  ],
  schema: z.object({ state: z.enum(['on', 'off']) }),
  permission: 'manager',
  handler: async function dailyTermHandler(ctx) {
    const key = and(eq(glossaryDailyChannels.workspaceId, ctx.workspace.id), eq(glossaryDailyChannels.platform, ctx.ref.platform), eq(glossaryDailyChannels.channelId, ctx.ref.channelId));
    if (ctx.args.state === 'off') {
      await ctx.tx.delete(glossaryDailyChannels).where(key);
      ctx.reply([{ type: 'text', text: ctx.t('glossary.daily_off') }]);
      return;
    }
    // Posts go to the channel itself, not to the member's thread or DM.
    const ref = { ...ctx.ref, threadId: undefined };
    await ctx.tx
      .insert(glossaryDailyChannels)
      .values({ workspaceId: ctx.workspace.id, platform: ctx.ref.platform, channelId: ctx.ref.channelId, ref: JSON.parse(JSON.stringify(ref)) as Record<string, unknown> })
      .onConflictDoNothing();
    ctx.reply({ visibility: 'channel', blocks: [{ type: 'text', text: ctx.t('glossary.daily_on', { hour: DAILY_HOUR }) }] });
  },
});

/** Local hour at which the term of the day is posted. */
export const DAILY_HOUR = 9;
