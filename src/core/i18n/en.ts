// The English catalogue, assembled from the area files in messages/ (same keys as French: the
// types and a test enforce it).
import type { Catalogue } from './fr.ts';
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

export const en: Catalogue = {
  common: commonMessages.en,
  roles: rolesMessages.en,
  help: helpMessages.en,
  dialog: dialogMessages.en,
  understand: understandMessages.en,
  capture: captureMessages.en,
  home: homeMessages.en,
  records: recordsMessages.en,
  log: logMessages.en,
  deal: dealMessages.en,
  stages: stagesMessages.en,
  members: membersMessages.en,
  glossary: glossaryMessages.en,
  quiz: quizMessages.en,
  qualify: qualifyMessages.en,
  settings: settingsMessages.en,
  kpi: kpiMessages.en,
  pipeline: pipelineMessages.en,
  today: todayMessages.en,
  objective: objectiveMessages.en,
  spend: spendMessages.en,
  survey: surveyMessages.en,
  churn: churnMessages.en,
  charts: chartsMessages.en,
  nudge: nudgeMessages.en,
  digest: digestMessages.en,
  relance: relanceMessages.en,
  contact: contactMessages.en,
  audit: auditMessages.en,
  retention: retentionMessages.en,
  csv: csvMessages.en,
  amount: amountMessages.en,
  files: filesMessages.en,
  language: languageMessages.en,
  examples: examplesMessages.en,
  errors: errorsMessages.en,
};
