// /relance off|on — a member's own switch for reminders; /relance member @x off — an admin's.
import { z } from 'zod';
import { defineCommand } from '../../core/registry.ts';
import { setMember } from '../../services/workspace.service.ts';
import { resolveMember } from '../shared/resolve-member.ts';

const switchCommand = (name: 'on' | 'off', aliases: { fr: string[]; en: string[] }, description: { fr: string; en: string }) =>
  defineCommand({
    name,
    aliases,
    description,
    examples: { fr: [`/relance ${aliases.fr[0]}`], en: [`/relance ${aliases.en[0]}`] },
    args: [],
    schema: z.object({}),
    permission: 'member',
    handler: async function switchNudgesHandler(ctx) {
      await setMember(ctx.tx, ctx.member, { nudgesEnabled: name === 'on' });
      ctx.reply([{ type: 'text', text: ctx.t(name === 'on' ? 'relance.me_on' : 'relance.me_off') }]);
    },
  });

export const relanceOffCommand = switchCommand('off', { fr: ['pause', 'off', 'stop'], en: ['off', 'stop', 'pause'] }, { fr: 'Ne plus recevoir de rappels', en: 'Stop receiving reminders' });
export const relanceOnCommand = switchCommand('on', { fr: ['reprendre', 'on'], en: ['on', 'resume'] }, { fr: 'Recevoir à nouveau les rappels', en: 'Receive reminders again' });

export const relanceMemberCommand = defineCommand({
  name: 'member',
  aliases: { fr: ['membre'], en: ['member'] },
  description: { fr: 'Activer ou couper les rappels d’un membre', en: 'Turn a member’s reminders on or off' },
  examples: { fr: ['/relance membre @marie non'], en: ['/relance member @marie off'] },
  args: [
    { name: 'member', kind: 'text', completes: 'member', keys: ['membre', 'member'], position: 0, required: true, label: { fr: 'Membre', en: 'Member' }, prompt: { fr: 'Quel membre ?', en: 'Which member?' }, example: { fr: '@marie', en: '@marie' } },
    {
      name: 'value',
      kind: 'enum',
      keys: ['valeur', 'value'],
      position: 1,
      required: true,
      choices: [
        { value: 'on', label: { fr: 'oui', en: 'on' }, aliases: ['on', 'oui', 'yes'] },
        { value: 'off', label: { fr: 'non', en: 'off' }, aliases: ['off', 'non', 'no'] },
      ],
      label: { fr: 'Rappels', en: 'Reminders' },
      prompt: { fr: 'Activer ses rappels ?', en: 'Turn their reminders on?' },
      example: { fr: 'non', en: 'off' },
    },
  ],
  schema: z.object({ member: z.string().min(1), value: z.enum(['on', 'off']) }),
  permission: 'admin',
  audit: 'settings.change',
  handler: async function memberNudgesHandler(ctx) {
    const target = await resolveMember(ctx, ctx.args.member);
    ctx.audit({ type: 'member', id: target.id, details: { nudges: ctx.args.value } });
    await setMember(ctx.tx, target, { nudgesEnabled: ctx.args.value === 'on' });
    ctx.reply([{ type: 'text', text: ctx.t(ctx.args.value === 'on' ? 'relance.member_on' : 'relance.member_off', { name: target.displayName }) }]);
  },
});
