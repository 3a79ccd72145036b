// /settings retention on|off [years:N] — how long contacts without activity are kept, and whether
// they are erased automatically (off: admins get the weekly list and decide).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { workspaces } from '../../db/schema.ts';
import { retentionSettings } from '../../services/retention.service.ts';

export const settingsRetentionCommand = defineCommand({
  name: 'retention',
  aliases: { fr: ['conservation', 'retention'], en: ['retention'] },
  description: { fr: 'Durée de conservation des contacts inactifs et effacement automatique', en: 'How long inactive contacts are kept, and automatic erasure' },
  examples: { fr: ['/reglages conservation oui ans:3', '/reglages conservation non'], en: ['/settings retention on years:3', '/settings retention off'] },
  args: [
    {
      name: 'erase',
      kind: 'enum',
      keys: ['effacement', 'erase'],
      position: 0,
      required: true,
      choices: [
        { value: 'on', label: { fr: 'oui', en: 'on' }, aliases: ['on', 'oui', 'yes'] },
        { value: 'off', label: { fr: 'non', en: 'off' }, aliases: ['off', 'non', 'no'] },
      ],
      label: { fr: 'Effacement automatique', en: 'Automatic erasure' },
      prompt: { fr: 'Effacer automatiquement ?', en: 'Erase automatically?' },
      example: { fr: 'oui', en: 'on' },
    },
    { name: 'years', kind: 'integer', keys: ['ans', 'years'], label: { fr: 'Années sans activité', en: 'Years without activity' }, prompt: { fr: 'Après combien d’années sans activité ?', en: 'After how many years without activity?' }, example: { fr: 'ans:3', en: 'years:3' } },
  ],
  schema: z.object({ erase: z.enum(['on', 'off']), years: z.number().int().min(1).max(10).optional() }),
  permission: 'admin',
  audit: 'settings.change',
  handler: async function retentionSettingsHandler(ctx) {
    const next = { erase: ctx.args.erase === 'on', years: ctx.args.years ?? retentionSettings(ctx.workspace.settings).years };
    await ctx.tx.update(workspaces).set({ settings: { ...ctx.workspace.settings, retention: next } }).where(eq(workspaces.id, ctx.workspace.id));
    ctx.audit({ type: 'setting', id: 'retention', details: next });
    ctx.reply([{ type: 'text', text: ctx.t(next.erase ? 'settings.retention_on' : 'settings.retention_off', { years: next.years }) }]);
  },
});
