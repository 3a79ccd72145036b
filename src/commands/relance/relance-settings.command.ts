// /relance settings — admins set the reminder rules: stale threshold (per stage too), working
// days and hours, reminder time, the digest's channel and schedule. Without arguments it shows
// the current rules.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import { workspaces } from '../../db/schema.ts';
import { minutesOf, nudgeSettings, nudgeSettingsSchema, type NudgeSettings } from '../../nudges/nudge-settings.ts';
import { parseDays, parseHours, parseTime, parseWeekday } from '../../nudges/schedule.parser.ts';
import { resolveStage } from '../shared/resolve-stage.ts';
import { describeNudgeSettings } from './describe-settings.ts';

const onOff = [
  { value: 'on', label: { fr: 'oui', en: 'on' }, aliases: ['on', 'oui', 'yes', 'activer'] },
  { value: 'off', label: { fr: 'non', en: 'off' }, aliases: ['off', 'non', 'no', 'desactiver'] },
];
const HERE = new Set(['ici', 'here', 'ce canal', 'this channel']);
const OFF = new Set(['off', 'non', 'no', 'aucun', 'none']);

export const relanceSettingsCommand = defineCommand({
  name: 'settings',
  aliases: { fr: ['reglages', 'parametres'], en: ['settings'] },
  description: { fr: 'Règles des relances et de la synthèse d’équipe', en: 'Reminder and team digest rules' },
  examples: {
    fr: ['/relance reglages', '/relance reglages inactivite:10 heures:9-18 envoi:9h jours:lun-ven', '/relance reglages etape:proposition inactivite:5', '/relance reglages synthese:ici jour-synthese:lundi heure-synthese:9h'],
    en: ['/relance settings', '/relance settings stale:10 hours:9-18 at:9:00 days:mon-fri', '/relance settings stage:proposal stale:5', '/relance settings digest:here digest-day:monday digest-at:9:00'],
  },
  args: [
    { name: 'stale', kind: 'integer', keys: ['inactivite', 'stale'], label: { fr: 'Jours sans activité avant relance', en: 'Days without activity before a reminder' }, prompt: { fr: 'Combien de jours sans activité avant une relance ?', en: 'How many days without activity before a reminder?' }, example: { fr: 'inactivite:10', en: 'stale:10' } },
    { name: 'stage', kind: 'text', completes: 'stage', keys: ['etape', 'stage'], label: { fr: 'Étape', en: 'Stage' }, prompt: { fr: 'Pour quelle étape seulement ?', en: 'For which stage only?' }, example: { fr: 'etape:proposition', en: 'stage:proposal' } },
    { name: 'hours', kind: 'text', keys: ['heures', 'hours'], label: { fr: 'Heures ouvrées', en: 'Working hours' }, prompt: { fr: 'Quelles sont les heures ouvrées ?', en: 'What are the working hours?' }, example: { fr: 'heures:9-18', en: 'hours:9-18' } },
    { name: 'at', kind: 'text', keys: ['envoi', 'at'], label: { fr: 'Heure du rappel du matin', en: 'Morning reminder time' }, prompt: { fr: 'À quelle heure envoyer le rappel du matin ?', en: 'What time should the morning reminder go out?' }, example: { fr: 'envoi:9h', en: 'at:9:00' } },
    { name: 'days', kind: 'text', keys: ['jours', 'days'], label: { fr: 'Jours ouvrés', en: 'Working days' }, prompt: { fr: 'Quels sont les jours ouvrés ?', en: 'What are the working days?' }, example: { fr: 'jours:lun-ven', en: 'days:mon-fri' } },
    { name: 'reminders', kind: 'enum', keys: ['rappels', 'reminders'], choices: onOff, label: { fr: 'Rappels', en: 'Reminders' }, prompt: { fr: 'Activer les rappels ?', en: 'Turn reminders on?' }, example: { fr: 'rappels:oui', en: 'reminders:on' } },
    { name: 'digest', kind: 'text', keys: ['synthese', 'digest'], label: { fr: 'Canal de la synthèse', en: 'Digest channel' }, prompt: { fr: 'Où envoyer la synthèse (ici / non) ?', en: 'Where should the digest go (here / off)?' }, example: { fr: 'synthese:ici', en: 'digest:here' } },
    {
      name: 'every',
      kind: 'enum',
      keys: ['frequence', 'every'],
      choices: [
        { value: 'week', label: { fr: 'hebdomadaire', en: 'weekly' }, aliases: ['semaine', 'hebdo', 'hebdomadaire', 'week', 'weekly'] },
        { value: 'day', label: { fr: 'quotidienne', en: 'daily' }, aliases: ['jour', 'quotidien', 'quotidienne', 'day', 'daily'] },
      ],
      label: { fr: 'Fréquence de la synthèse', en: 'Digest frequency' },
      prompt: { fr: 'À quelle fréquence envoyer la synthèse ?', en: 'How often should the digest go out?' },
      example: { fr: 'frequence:hebdo', en: 'every:week' },
    },
    { name: 'digestday', kind: 'text', keys: ['jour-synthese', 'digest-day'], label: { fr: 'Jour de la synthèse', en: 'Digest day' }, prompt: { fr: 'Quel jour envoyer la synthèse ?', en: 'Which day should the digest go out?' }, example: { fr: 'jour-synthese:lundi', en: 'digest-day:monday' } },
    { name: 'digestat', kind: 'text', keys: ['heure-synthese', 'digest-at'], label: { fr: 'Heure de la synthèse', en: 'Digest time' }, prompt: { fr: 'À quelle heure envoyer la synthèse ?', en: 'What time should the digest go out?' }, example: { fr: 'heure-synthese:9h', en: 'digest-at:9:00' } },
  ],
  schema: z.object({
    stale: z.number().int().min(1).max(365).optional(),
    stage: z.string().optional(),
    hours: z.string().optional(),
    at: z.string().optional(),
    days: z.string().optional(),
    reminders: z.enum(['on', 'off']).optional(),
    digest: z.string().optional(),
    every: z.enum(['week', 'day']).optional(),
    digestday: z.string().optional(),
    digestat: z.string().optional(),
  }),
  permission: 'admin',
  audit: 'settings.change',
  handler: async function relanceSettingsHandler(ctx) {
    const a = ctx.args;
    const current = nudgeSettings(ctx.workspace.settings);
    const next: NudgeSettings = structuredClone(current);
    const example = ctx.t('examples.relance_settings');
    if (a.stage !== undefined) {
      if (a.stale === undefined) throw new UserError('stage_needs_stale', { example });
      const stage = await resolveStage(ctx, a.stage);
      next.staleDaysByStage[stage.key] = a.stale;
    } else if (a.stale !== undefined) next.staleDays = a.stale;
    if (a.hours !== undefined) [next.workStart, next.workEnd] = parseHours(a.hours);
    if (a.at !== undefined) next.sendAt = parseTime(a.at);
    if (a.days !== undefined) next.workDays = parseDays(a.days);
    if (a.reminders !== undefined) next.enabled = a.reminders === 'on';
    if (a.digest !== undefined) {
      const key = normalizeKey(a.digest);
      if (HERE.has(key)) {
        if (ctx.ref.isDM) throw new UserError('digest_needs_channel', { example });
        next.digest.ref = { ...ctx.ref, isDM: false };
      } else if (OFF.has(key)) next.digest.ref = null;
      else throw new UserError('digest_where', { input: a.digest, example });
    }
    if (a.every !== undefined) next.digest.every = a.every;
    if (a.digestday !== undefined) next.digest.weekday = parseWeekday(a.digestday);
    if (a.digestat !== undefined) next.digest.at = parseTime(a.digestat);
    // A reminder time outside working hours would never be sent.
    if (minutesOf(next.sendAt) >= minutesOf(next.workEnd) || minutesOf(next.digest.at) >= minutesOf(next.workEnd)) {
      throw new UserError('send_outside_hours', { at: next.sendAt, start: next.workStart, end: next.workEnd, example });
    }
    const changed = JSON.stringify(next) !== JSON.stringify(current);
    ctx.audit({ type: 'setting', id: 'nudges', details: { changed } });
    if (changed) {
      await ctx.tx
        .update(workspaces)
        .set({ settings: { ...ctx.workspace.settings, nudges: nudgeSettingsSchema.parse(next) } })
        .where(eq(workspaces.id, ctx.workspace.id));
    }
    ctx.reply([{ type: 'section', title: ctx.t(changed ? 'relance.settings_saved' : 'relance.settings_title'), text: await describeNudgeSettings(ctx, next) }]);
  },
});
