// /settings — workspace settings (admins).
import { defineGroup } from '../core/registry.ts';
import { settingsQualificationCommand } from './settings/settings-qualification.command.ts';
import { settingsChartsCommand, settingsRankingCommand } from './settings/settings-toggle.command.ts';
import { settingsRetentionCommand } from './settings/settings-retention.command.ts';

export const settingsCommand = defineGroup({
  name: 'settings',
  aliases: { fr: ['reglages', 'parametres'], en: ['settings'] },
  description: { fr: 'Régler l’espace de travail', en: 'Workspace settings' },
  subcommands: [settingsQualificationCommand, settingsRankingCommand, settingsChartsCommand, settingsRetentionCommand],
});
