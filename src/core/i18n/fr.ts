// The French catalogue, assembled from the area files in messages/ (French is the source: its
// keys and arguments are the ones English must have).
import { commonMessages } from './messages/common.messages.ts';
import { rolesMessages } from './messages/roles.messages.ts';
import { helpMessages } from './messages/help.messages.ts';
import { dialogMessages } from './messages/dialog.messages.ts';
import { recordsMessages } from './messages/records.messages.ts';
import { logMessages } from './messages/log.messages.ts';
import { dealMessages } from './messages/deal.messages.ts';
import { stagesMessages } from './messages/stages.messages.ts';
import { membersMessages } from './messages/members.messages.ts';
import { glossaryMessages } from './messages/glossary.messages.ts';
import { quizMessages } from './messages/quiz.messages.ts';
import { qualifyMessages } from './messages/qualify.messages.ts';
import { settingsMessages } from './messages/settings.messages.ts';
import { kpiMessages } from './messages/kpi.messages.ts';
import { pipelineMessages } from './messages/pipeline.messages.ts';
import { objectiveMessages } from './messages/objective.messages.ts';
import { spendMessages } from './messages/spend.messages.ts';
import { surveyMessages } from './messages/survey.messages.ts';
import { churnMessages } from './messages/churn.messages.ts';
import { chartsMessages } from './messages/charts.messages.ts';
import { nudgeMessages } from './messages/nudge.messages.ts';
import { digestMessages } from './messages/digest.messages.ts';
import { relanceMessages } from './messages/relance.messages.ts';
import { contactMessages } from './messages/contact.messages.ts';
import { auditMessages } from './messages/audit.messages.ts';
import { retentionMessages } from './messages/retention.messages.ts';
import { csvMessages } from './messages/csv.messages.ts';
import { amountMessages } from './messages/amount.messages.ts';
import { filesMessages } from './messages/files.messages.ts';
import { languageMessages } from './messages/language.messages.ts';
import { examplesMessages } from './messages/examples.messages.ts';
import { errorsMessages } from './messages/errors.messages.ts';
import { understandMessages } from './messages/understand.messages.ts';
import { todayMessages } from './messages/today.messages.ts';
import { captureMessages } from './messages/capture.messages.ts';
import { homeMessages } from './messages/home.messages.ts';

export const fr = {
  common: commonMessages.fr,
  roles: rolesMessages.fr,
  help: helpMessages.fr,
  dialog: dialogMessages.fr,
  understand: understandMessages.fr,
  capture: captureMessages.fr,
  home: homeMessages.fr,
  records: recordsMessages.fr,
  log: logMessages.fr,
  deal: dealMessages.fr,
  stages: stagesMessages.fr,
  members: membersMessages.fr,
  glossary: glossaryMessages.fr,
  quiz: quizMessages.fr,
  qualify: qualifyMessages.fr,
  settings: settingsMessages.fr,
  kpi: kpiMessages.fr,
  pipeline: pipelineMessages.fr,
  today: todayMessages.fr,
  objective: objectiveMessages.fr,
  spend: spendMessages.fr,
  survey: surveyMessages.fr,
  churn: churnMessages.fr,
  charts: chartsMessages.fr,
  nudge: nudgeMessages.fr,
  digest: digestMessages.fr,
  relance: relanceMessages.fr,
  contact: contactMessages.fr,
  audit: auditMessages.fr,
  retention: retentionMessages.fr,
  csv: csvMessages.fr,
  amount: amountMessages.fr,
  files: filesMessages.fr,
  language: languageMessages.fr,
  examples: examplesMessages.fr,
  errors: errorsMessages.fr,
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every catalogue must have. */
export type Catalogue = Widen<typeof fr>;
