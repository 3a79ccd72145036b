// /relance — follow-up reminders: rules, snooze, preview, on/off.
import { defineGroup } from '../core/registry.ts';
import { relancePreviewCommand } from './relance/relance-preview.command.ts';
import { relanceSettingsCommand } from './relance/relance-settings.command.ts';
import { relanceSnoozeCommand } from './relance/relance-snooze.command.ts';
import { relanceMemberCommand, relanceOffCommand, relanceOnCommand } from './relance/relance-switch.command.ts';
import { membersRoleCommand } from './members/members-role.command.ts';

export const relanceCommand = defineGroup({
  name: 'relance',
  aliases: { fr: ['relance', 'relances', 'rappels'], en: ['relance', 'nudges', 'reminders'] },
  description: { fr: 'Rappels de relance : règles, report, aperçu', en: 'Follow-up reminders: rules, snooze, preview' },
  defaultSubcommand: 'preview',
  // `/relance role` is `/members role` under the bot's own name, as teams expect to find it.
  subcommands: [relancePreviewCommand, relanceSnoozeCommand, relanceSettingsCommand, relanceOffCommand, relanceOnCommand, relanceMemberCommand, { ...membersRoleCommand, examples: { fr: ['/relance role @marie manager'], en: ['/relance role @marie manager'] } }],
});
