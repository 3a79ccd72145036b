// /settings qualification — the workspace's default framework and its verdict thresholds.
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import { defineCommand } from '../../core/registry.ts';
import { workspaces } from '../../db/schema.ts';
import { DEFAULT_THRESHOLDS, frameworks } from '../../qualification/frameworks.ts';

export const settingsQualificationCommand = defineCommand({
  name: 'qualification',
  aliases: { fr: ['qualification'], en: ['qualification'] },
  description: { fr: 'Méthode de qualification par défaut et seuils', en: 'Default qualification framework and thresholds' },
  examples: { fr: ['/reglages qualification meddic qualifiee:70 murir:35'], en: ['/settings qualification meddic qualified:70 nurture:35'] },
  args: [
    {
      name: 'framework',
      kind: 'enum',
      keys: ['methode', 'framework'],
      position: 0,
      required: true,
      choices: Object.values(frameworks).map((f) => ({ value: f.key, label: { fr: f.name, en: f.name } })),
      label: { fr: 'Méthode par défaut', en: 'Default framework' },
      prompt: { fr: 'Quelle méthode par défaut ?', en: 'Which default framework?' },
      example: { fr: 'bant', en: 'bant' },
    },
    { name: 'qualified', kind: 'integer', keys: ['qualifiee', 'qualified'], label: { fr: 'Score minimum pour « qualifiée »', en: 'Minimum score for "qualified"' }, prompt: { fr: 'Quel score minimum pour « qualifiée » ?', en: 'What minimum score for "qualified"?' }, example: { fr: 'qualifiee:75', en: 'qualified:75' } },
    { name: 'nurture', kind: 'integer', keys: ['murir', 'nurture'], label: { fr: 'Score minimum pour « à faire mûrir »', en: 'Minimum score for "to nurture"' }, prompt: { fr: 'Quel score minimum pour « à faire mûrir » ?', en: 'What minimum score for "to nurture"?' }, example: { fr: 'murir:40', en: 'nurture:40' } },
  ],
  schema: z.object({ framework: z.enum(['bant', 'meddic', 'meddpicc']), qualified: z.number().int().min(1).max(100).optional(), nurture: z.number().int().min(0).max(99).optional() }),
  permission: 'admin',
  audit: 'settings.change',
  handler: async function setQualificationSettingsHandler(ctx) {
    const current = ctx.workspace.settings;
    const qualified = ctx.args.qualified ?? (current['qualifiedThreshold'] as number | undefined) ?? DEFAULT_THRESHOLDS.qualified;
    const nurture = ctx.args.nurture ?? (current['nurtureThreshold'] as number | undefined) ?? DEFAULT_THRESHOLDS.nurture;
    ctx.audit({ type: 'setting', id: 'qualification', details: { framework: ctx.args.framework, qualified, nurture } });
    if (nurture >= qualified) throw new UserError('thresholds_order', { qualified, nurture, example: ctx.t('examples.settings_qualification') });
    await ctx.tx
      .update(workspaces)
      .set({ settings: { ...current, qualificationFramework: ctx.args.framework, qualifiedThreshold: qualified, nurtureThreshold: nurture } })
      .where(eq(workspaces.id, ctx.workspace.id));
    ctx.reply([{ type: 'text', text: ctx.t('settings.qualification_set', { framework: frameworks[ctx.args.framework].name, qualified, nurture }) }]);
  },
});
