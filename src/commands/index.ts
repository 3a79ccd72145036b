// The explicit list of commands (no file-system scanning): what is here is what exists.
import { createRegistry, type Registry, type RegistryEntry } from '../core/registry.ts';
import { dealCommand } from './deal.command.ts';
import { defineCommandGroup } from './define.command.ts';
import { helpCommand } from './help.command.ts';
import { languageCommand } from './language.command.ts';
import { logCommand } from './log.command.ts';
import { kpiCommand } from './kpi.command.ts';
import { pipelineCommand } from './pipeline.command.ts';
import { todayCommand } from './today.command.ts';
import { quizCommand } from './quiz.command.ts';
import { qualifyCommand } from './qualify.command.ts';
import { membersCommand } from './members.command.ts';
import { stagesCommand } from './stages.command.ts';
import { settingsCommand } from './settings.command.ts';
import { objectiveCommand } from './objective.command.ts';
import { spendCommand } from './spend.command.ts';
import { surveyCommand } from './survey.command.ts';
import { churnCommand } from './churn.command.ts';
import { relanceCommand } from './relance.command.ts';
import { exportCommand } from './export.command.ts';
import { contactCommand } from './contact.command.ts';
import { auditCommand } from './audit.command.ts';
import { answerCommand } from './answer.command.ts';
import { askCommand } from './ask.command.ts';

export const commands: RegistryEntry[] = [logCommand, dealCommand, qualifyCommand, kpiCommand, pipelineCommand, todayCommand, objectiveCommand, spendCommand, surveyCommand, churnCommand, relanceCommand, exportCommand, contactCommand, auditCommand, defineCommandGroup, quizCommand, stagesCommand, membersCommand, settingsCommand, languageCommand, answerCommand, askCommand, helpCommand];

export const createDefaultRegistry = (): Registry => createRegistry(commands);
