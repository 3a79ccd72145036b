// /deal — the deal subcommands, each in its own file under ./deal/.
import { defineGroup } from '../core/registry.ts';
import { dealAmountCommand } from './deal/deal-amount.command.ts';
import { dealCloseCommand } from './deal/deal-close.command.ts';
import { dealListCommand } from './deal/deal-list.command.ts';
import { dealLostCommand } from './deal/deal-lost.command.ts';
import { dealNewCommand } from './deal/deal-new.command.ts';
import { dealNextCommand } from './deal/deal-next.command.ts';
import { dealOwnerCommand } from './deal/deal-owner.command.ts';
import { dealShowCommand } from './deal/deal-show.command.ts';
import { dealStageCommand } from './deal/deal-stage.command.ts';
import { dealWonCommand } from './deal/deal-won.command.ts';

export const dealCommand = defineGroup({
  name: 'deal',
  aliases: { fr: ['affaire', 'opportunite', 'opp'], en: ['deal'] },
  description: { fr: 'Gérer les affaires du pipeline', en: 'Manage pipeline deals' },
  subcommands: [
    dealNewCommand,
    dealShowCommand,
    dealListCommand,
    dealStageCommand,
    dealWonCommand,
    dealLostCommand,
    dealAmountCommand,
    dealCloseCommand,
    dealOwnerCommand,
    dealNextCommand,
  ],
});
