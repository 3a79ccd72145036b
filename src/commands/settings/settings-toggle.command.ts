// /settings ranking|charts on|off — workspace switches: per-person rankings in public channels
// (off by default: people are not ranked in public without the company's decision) and chart
// images under figures (on by default).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand, type Localized } from '../../core/registry.ts';
import { workspaces } from '../../db/schema.ts';

const onOff = [
  { value: 'on', label: { fr: 'oui', en: 'on' }, aliases: ['on', 'oui', 'yes', 'actif', 'active', 'activer', 'true'] },
  { value: 'off', label: { fr: 'non', en: 'off' }, aliases: ['off', 'non', 'no', 'inactif', 'desactiver', 'false'] },
];

function toggleCommand(name: string, setting: 'publicRanking' | 'charts', aliases: { fr: string[]; en: string[] }, description: Localized, examples: { fr: string[]; en: string[] }, label: Localized, prompt: Localized) {
  return defineCommand({
    name,
    aliases,
    description,
    examples,
    args: [{ name: 'value', kind: 'enum', keys: ['valeur', 'value'], position: 0, required: true, choices: onOff, label, prompt, example: { fr: 'oui', en: 'on' } }],
    schema: z.object({ value: z.enum(['on', 'off']) }),
    permission: 'admin',
    audit: 'settings.change',
    handler: async function toggleSettingHandler(ctx) {
      ctx.audit({ type: 'setting', id: setting, details: { value: ctx.args.value } });
      await ctx.tx.update(workspaces).set({ settings: { ...ctx.workspace.settings, [setting]: ctx.args.value === 'on' } }).where(eq(workspaces.id, ctx.workspace.id));
      ctx.reply([{ type: 'text', text: ctx.t(`settings.${setting}_${ctx.args.value}`) }]);
    },
  });
}

export const settingsRankingCommand = toggleCommand(
  'ranking',
  'publicRanking',
  { fr: ['classement'], en: ['ranking'] },
  { fr: 'Autoriser le classement par personne dans les canaux', en: 'Allow per-person rankings in channels' },
  { fr: ['/reglages classement oui'], en: ['/settings ranking on'] },
  { fr: 'Classement dans les canaux', en: 'Rankings in channels' },
  { fr: 'Autoriser le classement dans les canaux ?', en: 'Allow rankings in channels?' },
);

export const settingsChartsCommand = toggleCommand(
  'charts',
  'charts',
  { fr: ['graphiques'], en: ['charts'] },
  { fr: 'Afficher les graphiques sous les chiffres', en: 'Show charts under figures' },
  { fr: ['/reglages graphiques non'], en: ['/settings charts off'] },
  { fr: 'Graphiques', en: 'Charts' },
  { fr: 'Afficher les graphiques ?', en: 'Show charts?' },
);
