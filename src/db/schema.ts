// One schema for both drivers (PGlite and postgres.js). Every business table carries
// `workspace_id` and every index starts with it, because every query is scoped by workspace.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

// Business timestamps come from the bot's clock (`ctx.now()`, `--now`, `RELANCE_NOW`), never from the
// database's: a default would make figures depend on the server's date and tests on the day they run.
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull();

/**
 * Integrity the database enforces itself (issue 14): a text column with an enum holds one of its
 * values (`<table>_<column>_check`), and a reference to a company, contact or deal carries the
 * workspace (`(workspace_id, company_id)` → `companies (workspace_id, id)`), so no row can point
 * to another workspace's record. Migration 0011 checks existing rows before adding them, and
 * writes `ON DELETE SET NULL (column)` by hand for the nullable references (see its comment).
 */
const oneOf = (name: string, column: AnyPgColumn, values: readonly string[]): ReturnType<typeof check> =>
  check(name, sql`${sql.identifier(column.name)} in (${sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '))})`);
const inWorkspace = (name: string, columns: [AnyPgColumn, AnyPgColumn], target: [AnyPgColumn, AnyPgColumn]) => foreignKey({ name, columns, foreignColumns: target });
export const roleValues = ['rep', 'manager', 'admin'] as const;
export const langValues = ['fr', 'en'] as const;
export const outcomeKindValues = ['open', 'won', 'lost'] as const;

export const workspaces = pgTable(
  'workspaces',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    defaultLanguage: text('default_language').notNull().default('fr'),
    timeZone: text('time_zone').notNull().default('Europe/Paris'),
    currency: text('currency').notNull().default('EUR'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspaces_platform_external_uq').on(t.platform, t.externalId)],
);

export const members = pgTable(
  'members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    platformUserId: text('platform_user_id').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: roleValues }).notNull().default('rep'),
    team: text('team'),
    timeZone: text('time_zone'),
    language: text('language', { enum: langValues }),
    /** Platform locale last seen (`fr-FR`), for messages sent without an event (reminders). */
    locale: text('locale'),
    /** The member's own switch for follow-up reminders (admins can set it too). */
    nudgesEnabled: boolean('nudges_enabled').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('members_workspace_user_uq').on(t.workspaceId, t.platformUserId), oneOf('members_role_check', t.role, roleValues), oneOf('members_language_check', t.language, langValues)],
);

export const stages = pgTable(
  'stages',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull(),
    probability: integer('probability').notNull(),
    outcome: text('outcome', { enum: outcomeKindValues }).notNull().default('open'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), oneOf('stages_outcome_check', t.outcome, outcomeKindValues)],
);

export const lifecycleValues = ['lead', 'prospect', 'client', 'inactive', 'lost'] as const;
export type Lifecycle = (typeof lifecycleValues)[number];

export const companies = pgTable(
  'companies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    /** Identifier in the system the row was imported from (CSV `external_id`): re-imports update, never duplicate. */
    externalId: text('external_id'),
    lifecycle: text('lifecycle', { enum: lifecycleValues }).notNull().default('lead'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('companies_workspace_key_uq').on(t.workspaceId, t.nameKey),
    uniqueIndex('companies_external_uq').on(t.workspaceId, t.externalId),
    unique('companies_workspace_id_uq').on(t.workspaceId, t.id),
    oneOf('companies_lifecycle_check', t.lifecycle, lifecycleValues),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    companyId: integer('company_id'),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    /** Identifier in the system the row was imported from (CSV `external_id`): re-imports update, never duplicate. */
    externalId: text('external_id'),
    email: text('email'),
    phone: text('phone'),
    title: text('title'),
    lifecycle: text('lifecycle', { enum: lifecycleValues }).notNull().default('lead'),
    // Opt-outs are per channel: Bloctel is about phone calls, consent rules about email.
    optOutPhone: boolean('opt_out_phone').notNull().default(false),
    optOutEmail: boolean('opt_out_email').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('contacts_workspace_key_idx').on(t.workspaceId, t.nameKey),
    index('contacts_company_idx').on(t.companyId),
    uniqueIndex('contacts_external_uq').on(t.workspaceId, t.externalId),
    unique('contacts_workspace_id_uq').on(t.workspaceId, t.id),
    inWorkspace('contacts_company_fk', [t.workspaceId, t.companyId], [companies.workspaceId, companies.id]).onDelete('set null'),
    oneOf('contacts_lifecycle_check', t.lifecycle, lifecycleValues),
  ],
);

export const lostReasonValues = ['price', 'timing', 'competitor', 'no_need', 'no_budget', 'no_decision', 'other'] as const;
export type LostReason = (typeof lostReasonValues)[number];

export const deals = pgTable(
  'deals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    /** Identifier in the system the row was imported from (CSV `external_id`): re-imports update, never duplicate. */
    externalId: text('external_id'),
    companyId: integer('company_id'),
    contactId: integer('contact_id'),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => members.id),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency').notNull().default('EUR'),
    stage: text('stage').notNull(),
    // The stage's outcome, copied here so lists and totals filter on one indexed column
    // instead of joining stages (a stage's outcome never changes once created).
    status: text('status', { enum: outcomeKindValues }).notNull().default('open'),
    probability: integer('probability').notNull(),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    nextStep: text('next_step'),
    nextStepDue: date('next_step_due', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    wonAt: timestamp('won_at', { withTimezone: true }),
    lostAt: timestamp('lost_at', { withTimezone: true }),
    lostReason: text('lost_reason', { enum: lostReasonValues }),
    lostNote: text('lost_note'),
    // Denormalised so stale-deal lookups and "last touched" sorting need no aggregate.
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    /** No reminder about this deal before this instant (`/relance snooze`). */
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
  },
  (t) => [
    foreignKey({ columns: [t.workspaceId, t.stage], foreignColumns: [stages.workspaceId, stages.key] }).onUpdate('cascade'),
    unique('deals_workspace_id_uq').on(t.workspaceId, t.id),
    inWorkspace('deals_company_fk', [t.workspaceId, t.companyId], [companies.workspaceId, companies.id]).onDelete('set null'),
    inWorkspace('deals_contact_fk', [t.workspaceId, t.contactId], [contacts.workspaceId, contacts.id]).onDelete('set null'),
    oneOf('deals_status_check', t.status, outcomeKindValues),
    oneOf('deals_lost_reason_check', t.lostReason, lostReasonValues),
    // Both in the order /deal list shows (close date first, then most recently touched), so
    // `LIMIT 25` stops after 25 index entries instead of sorting every open deal.
    index('deals_list_idx').on(t.workspaceId, t.status, t.expectedCloseDate.asc().nullsLast(), t.updatedAt.desc()),
    index('deals_owner_list_idx').on(t.workspaceId, t.ownerId, t.status, t.expectedCloseDate.asc().nullsLast(), t.updatedAt.desc()),
    index('deals_contact_idx').on(t.contactId),
    index('deals_workspace_key_idx').on(t.workspaceId, t.nameKey),
    index('deals_workspace_stage_idx').on(t.workspaceId, t.stage),
    index('deals_company_idx').on(t.companyId),
    uniqueIndex('deals_external_uq').on(t.workspaceId, t.externalId),
    // KPIs over a period (issue 7 benchmark): deals created, won or lost between two instants,
    // found by range instead of reading every deal; status first, as the queries filter on it.
    index('deals_created_idx').on(t.workspaceId, t.createdAt),
    index('deals_won_idx').on(t.workspaceId, t.status, t.wonAt),
    index('deals_lost_idx').on(t.workspaceId, t.status, t.lostAt),
    // The biggest open deals (/pipeline top 5): the last entries of the index, read backwards
    // (ascending, so the backward scan is exactly `order by amount_minor desc`, nulls first).
    index('deals_open_amount_idx').on(t.workspaceId, t.status, t.amountMinor),
  ],
);

export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    dealId: integer('deal_id').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    changedBy: integer('changed_by').references(() => members.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('deal_stage_history_deal_idx').on(t.workspaceId, t.dealId, t.changedAt),
    index('deal_stage_history_fk_idx').on(t.dealId),
    // Stage changes during a period (/pipeline "advanced").
    index('deal_stage_history_changed_idx').on(t.workspaceId, t.changedAt),
    inWorkspace('deal_stage_history_deal_fk', [t.workspaceId, t.dealId], [deals.workspaceId, deals.id]).onDelete('cascade'),
  ],
);

export const activityTypeValues = ['call', 'email', 'meeting', 'demo', 'note'] as const;
export type ActivityType = (typeof activityTypeValues)[number];
export const directionValues = ['inbound', 'outbound'] as const;
export type Direction = (typeof directionValues)[number];
export const outcomeValues = ['done', 'no_answer', 'voicemail', 'no_show', 'positive', 'negative', 'rescheduled'] as const;
export type Outcome = (typeof outcomeValues)[number];

export const activities = pgTable(
  'activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type', { enum: activityTypeValues }).notNull(),
    direction: text('direction', { enum: directionValues }),
    outcome: text('outcome', { enum: outcomeValues }),
    durationMinutes: integer('duration_minutes'),
    notes: text('notes'),
    dealId: integer('deal_id'),
    companyId: integer('company_id'),
    contactId: integer('contact_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** Identifier in the system the row was imported from (CSV `external_id`): re-imports update, never duplicate. */
    externalId: text('external_id'),
    loggedBy: integer('logged_by')
      .notNull()
      .references(() => members.id),
    /** The chat message it was logged from (Slack permalink, Discord message link), when captured. */
    sourceUrl: text('source_url'),
    /** Who wrote that message and where (« Marie Dubois dans #ventes »), as the platform named them. */
    sourceLabel: text('source_label'),
    createdAt: createdAt(),
  },
  (t) => [
    index('activities_deal_idx').on(t.workspaceId, t.dealId, t.occurredAt),
    index('activities_logger_idx').on(t.workspaceId, t.loggedBy, t.occurredAt),
    index('activities_contact_idx').on(t.workspaceId, t.contactId),
    index('activities_company_idx').on(t.workspaceId, t.companyId),
    // Plain foreign-key index: deleting a deal must not scan every activity.
    index('activities_deal_fk_idx').on(t.dealId),
    uniqueIndex('activities_external_uq').on(t.workspaceId, t.externalId),
    // Everyone's activity over a period (/kpi activities): an index-only count.
    index('activities_occurred_idx').on(t.workspaceId, t.occurredAt),
    unique('activities_workspace_id_uq').on(t.workspaceId, t.id),
    inWorkspace('activities_deal_fk', [t.workspaceId, t.dealId], [deals.workspaceId, deals.id]).onDelete('cascade'),
    inWorkspace('activities_company_fk', [t.workspaceId, t.companyId], [companies.workspaceId, companies.id]).onDelete('set null'),
    inWorkspace('activities_contact_fk', [t.workspaceId, t.contactId], [contacts.workspaceId, contacts.id]).onDelete('set null'),
    oneOf('activities_type_check', t.type, activityTypeValues),
    oneOf('activities_direction_check', t.direction, directionValues),
    oneOf('activities_outcome_check', t.outcome, outcomeValues),
  ],
);

// One row per delivery already handled, written in the same transaction as its side effect,
// so a retried Slack request or a double click cannot do the work twice.
export const processedEvents = pgTable(
  'processed_events',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    createdAt: createdAt(),
    /**
     * What the work answered (the core's reply drafts), written in its transaction: a delivery
     * replayed from the inbox after a crash between commit and reply sends these, once.
     */
    replies: jsonb('replies').$type<unknown[]>(),
    /** When a replay sent those replies again (claimed first, so two replays send one copy). */
    repliedAt: timestamp('replied_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

export const conversationsAskedSeq = pgSequence('conversations_asked_seq');

// Multi-step conversations ("flows"): kept here, not in memory, so they survive restarts and
// work across replicas. `key` is the flow (member + command path + record), `place` where its
// question was last asked (a bare answer goes to the member's latest flow there), `flow_id` the
// short id its buttons carry. `version` makes concurrent answers apply once.
/**
 * The last plain-language question asked in a thread or DM (its command and semantic values),
 * so « et le mois dernier ? » can follow it. One row per place; it expires like a question.
 */
export const conversationTopics = pgTable(
  'conversation_topics',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    place: text('place').notNull(),
    frame: jsonb('frame').$type<Record<string, unknown>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.place] })],
);

/**
 * A chat message waiting to be logged: the form opened from a message shortcut submits to
 * `capture:<id>`, and the activity gets the source kept here (the member cannot edit it).
 */
export const captures = pgTable(
  'captures',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    sourceUrl: text('source_url'),
    sourceLabel: text('source_label'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const conversations = pgTable(
  'conversations',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    place: text('place').notNull(),
    flowId: text('flow_id').notNull(),
    // Order of asking, from a sequence rather than the clock: two questions asked within the same
    // millisecond (or under a fixed test clock) still have a latest.
    asked: bigint('asked', { mode: 'number' }).notNull().default(sql`nextval('conversations_asked_seq')`),
    dialog: text('dialog').notNull(),
    step: text('step').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.key] }),
    index('conversations_place_idx').on(t.workspaceId, t.place, t.asked),
    uniqueIndex('conversations_flow_id_idx').on(t.workspaceId, t.flowId),
  ],
);

// Team vocabulary: a workspace's own terms, or its version of a built-in one (same id).
export const glossaryTerms = pgTable(
  'glossary_terms',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    termId: text('term_id').notNull(),
    category: text('category').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    definitionFr: text('definition_fr').notNull(),
    definitionEn: text('definition_en').notNull(),
    aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
    related: jsonb('related').$type<string[]>().notNull().default([]),
    updatedBy: integer('updated_by').references(() => members.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.termId] })],
);

// Quiz results per member: how many asked, how many right.
export const quizScores = pgTable(
  'quiz_scores',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    asked: integer('asked').notNull().default(0),
    correct: integer('correct').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.memberId] })],
);

// Channels that receive a term of the day, and which terms each has already seen this cycle.
export const glossaryDailyChannels = pgTable(
  'glossary_daily_channels',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** The conversation to post to (a serialised ConversationRef). */
    ref: jsonb('ref').$type<Record<string, unknown>>().notNull(),
    shown: jsonb('shown').$type<string[]>().notNull().default([]),
    /** Local calendar date of the last post: one post per day, whichever replica gets there first. */
    lastPostedOn: date('last_posted_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platform, t.channelId] })],
);

const verdictValues = ['qualified', 'nurture', 'disqualified'] as const;

// Qualification results, kept as history: who qualified which deal, with which answers, when.
export const qualifications = pgTable(
  'qualifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    dealId: integer('deal_id').notNull(),
    framework: text('framework').notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    score: integer('score').notNull(),
    verdict: text('verdict', { enum: verdictValues }).notNull(),
    qualifiedBy: integer('qualified_by').references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('qualifications_deal_idx').on(t.workspaceId, t.dealId, t.createdAt),
    inWorkspace('qualifications_deal_fk', [t.workspaceId, t.dealId], [deals.workspaceId, deals.id]).onDelete('cascade'),
    oneOf('qualifications_verdict_check', t.verdict, verdictValues),
  ],
);

export const objectiveMetricValues = ['revenue', 'deals_won', 'activities'] as const;
export type ObjectiveMetric = (typeof objectiveMetricValues)[number];

// Objectives set by managers: a target for one metric, one subject and one date range.
// `subject` is 'member:<id>', 'team:<name>' or 'all' so one unique index covers all three.
export const objectives = pgTable(
  'objectives',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: objectiveMetricValues }).notNull(),
    subject: text('subject').notNull(),
    memberId: integer('member_id').references(() => members.id, { onDelete: 'cascade' }),
    team: text('team'),
    /** First day (inclusive) and end day (exclusive), local calendar dates. */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** Minor units of the workspace currency for revenue, a count otherwise. */
    target: bigint('target', { mode: 'number' }).notNull(),
    setBy: integer('set_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('objectives_subject_period_uq').on(t.workspaceId, t.metric, t.subject, t.periodFrom, t.periodTo), oneOf('objectives_metric_check', t.metric, objectiveMetricValues)],
);

const spendCategoryValues = ['sales', 'marketing'] as const;

// Sales and marketing spend entered by managers, for CAC and ROI.
export const spendEntries = pgTable(
  'spend_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    category: text('category', { enum: spendCategoryValues }).notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    note: text('note'),
    enteredBy: integer('entered_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [index('spend_entries_period_idx').on(t.workspaceId, t.periodFrom), oneOf('spend_entries_category_check', t.category, spendCategoryValues)],
);

const surveyKindValues = ['nps', 'csat'] as const;

// Customer survey answers (NPS 0–10, CSAT 1–5) logged by the team.
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: surveyKindValues }).notNull(),
    score: integer('score').notNull(),
    companyId: integer('company_id'),
    contactId: integer('contact_id'),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
    loggedBy: integer('logged_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('survey_responses_period_idx').on(t.workspaceId, t.kind, t.respondedAt),
    inWorkspace('survey_responses_company_fk', [t.workspaceId, t.companyId], [companies.workspaceId, companies.id]).onDelete('set null'),
    inWorkspace('survey_responses_contact_fk', [t.workspaceId, t.contactId], [contacts.workspaceId, contacts.id]).onDelete('set null'),
    oneOf('survey_responses_kind_check', t.kind, surveyKindValues),
  ],
);

const customerEventKindValues = ['acquired', 'churned'] as const;

// When a company became a customer and when it left: retention and churn need the status at
// any date, which the current `lifecycle` alone cannot give.
export const customerEvents = pgTable(
  'customer_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    companyId: integer('company_id').notNull(),
    kind: text('kind', { enum: customerEventKindValues }).notNull(),
    /** The deal whose win made the company a customer (acquired events). */
    dealId: integer('deal_id'),
    reason: text('reason'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('customer_events_company_idx').on(t.workspaceId, t.companyId, t.occurredAt),
    index('customer_events_period_idx').on(t.workspaceId, t.kind, t.occurredAt),
    inWorkspace('customer_events_company_fk', [t.workspaceId, t.companyId], [companies.workspaceId, companies.id]).onDelete('cascade'),
    inWorkspace('customer_events_deal_fk', [t.workspaceId, t.dealId], [deals.workspaceId, deals.id]).onDelete('set null'),
    oneOf('customer_events_kind_check', t.kind, customerEventKindValues),
  ],
);

// node-cron run coordinator: one row per (task, slot); whoever inserts it runs the slot.
export const jobRuns = pgTable('job_runs', {
  key: text('key').primaryKey(),
  claimedBy: text('claimed_by').notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

export const nudgeReasonValues = ['stale', 'next_step_overdue', 'close_date_passed', 'no_next_step'] as const;
export type NudgeReason = (typeof nudgeReasonValues)[number];
const nudgeStatusValues = ['pending', 'sent', 'cleared'] as const;

// One reminder per deal and per window (the owner's local day): the unique index is what
// makes "never the same nudge twice" hold across replicas and restarts.
// Only the deal is a foreign key (rows go with their deal, and deals with their workspace): the
// morning scan inserts up to one row per open deal, and the workspace and member checks were
// two thirds of its time at 100,000 deals (the planner takes both from rows it just read).
export const nudges = pgTable(
  'nudges',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull(),
    memberId: integer('member_id').notNull(),
    dealId: integer('deal_id').notNull(),
    window: date('window', { mode: 'string' }).notNull(),
    reasons: jsonb('reasons').$type<NudgeReason[]>().notNull(),
    /** pending → sent; cleared when an activity is logged on the deal before sending. */
    status: text('status', { enum: nudgeStatusValues }).notNull().default('pending'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('nudges_deal_window_uq').on(t.dealId, t.window),
    index('nudges_member_window_idx').on(t.workspaceId, t.memberId, t.window),
    inWorkspace('nudges_deal_fk', [t.workspaceId, t.dealId], [deals.workspaceId, deals.id]).onDelete('cascade'),
    oneOf('nudges_status_check', t.status, nudgeStatusValues),
  ],
);

const outboxKindValues = ['nudges', 'digest'] as const;
const outboxStatusValues = ['pending', 'sending', 'sent', 'failed', 'expired'] as const;

// Messages to send, written in the same transaction as the work that decided them. A sender
// claims rows with FOR UPDATE SKIP LOCKED; a claim whose sender died is taken over after its
// lease, so a crash between claim and send means a late message, never a lost or double one.
export const outbox = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: outboxKindValues }).notNull(),
    /** `nudges:<member>:<day>` or `digest:<day>`: the same message is enqueued once. */
    key: text('key').notNull(),
    ref: jsonb('ref').$type<Record<string, unknown>>().notNull(),
    memberId: integer('member_id').references(() => members.id, { onDelete: 'cascade' }),
    window: date('window', { mode: 'string' }).notNull(),
    status: text('status', { enum: outboxStatusValues }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** End of the recipient's working hours: a message not sent by then is dropped, not sent at night. */
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('outbox_workspace_key_uq').on(t.workspaceId, t.key),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    oneOf('outbox_kind_check', t.kind, outboxKindValues),
    oneOf('outbox_status_check', t.status, outboxStatusValues),
  ],
);

const auditOutcomeValues = ['ok', 'refused', 'failed'] as const;

// Who did what with personal data and permissions: exports, erasures, opt-outs, role and
// settings changes, imports. Append-only: a trigger (migration) refuses updates and deletes.
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id),
    /** The member who acted; null for the system (scheduled jobs) and the command line. */
    memberId: integer('member_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome', { enum: auditOutcomeValues }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_log_workspace_idx').on(t.workspaceId, t.createdAt), index('audit_log_action_idx').on(t.workspaceId, t.action, t.createdAt), oneOf('audit_log_outcome_check', t.outcome, auditOutcomeValues)],
);

const suppressionKindValues = ['email', 'phone', 'name'] as const;

// Erased people, kept only as salted hashes of their identifiers, so an import or a new
// record bringing them back is noticed without keeping who they were.
export const suppressions = pgTable(
  'suppressions',
  {
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: suppressionKindValues }).notNull(),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.hash] }), oneOf('suppressions_kind_check', t.kind, suppressionKindValues)],
);

const inboxStatusValues = ['working', 'done', 'failed'] as const;

// Every platform delivery, written before it is acknowledged (one insert that is also the
// delivery's claim across replicas: a retry finds its key and is acknowledged without work).
// The replica that wrote a row works on it at once; rows whose worker stopped beating are taken
// over by any other replica (FOR UPDATE SKIP LOCKED) and replayed. Platform ids, not ours: the
// workspace may not exist yet when its first delivery arrives.
export const inbox = pgTable(
  'inbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').notNull(),
    /** The platform's delivery id (`slack:event:Ev…`, `slack:command:<trigger_id>`, `discord:<interaction id>`). */
    key: text('key').notNull(),
    /** Slack team or enterprise id, Discord guild id (or `dm`): for metrics and support. */
    tenant: text('tenant'),
    /** The validated payload, replayed as it came. */
    body: jsonb('body').$type<unknown>().notNull(),
    /** Where a late answer can still go (Slack response_url, Discord interaction token): valid for a while only. */
    replyUrl: text('reply_url'),
    status: text('status', { enum: inboxStatusValues }).notNull().default('working'),
    worker: text('worker').notNull(),
    attempts: integer('attempts').notNull().default(1),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** Request id of the delivery, carried into the log lines of its replay. */
    requestId: text('request_id'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('inbox_platform_key_uq').on(t.platform, t.key),
    index('inbox_open_idx').on(t.status, t.worker).where(sql`${t.status} = 'working'`),
    index('inbox_done_idx').on(t.doneAt),
    oneOf('inbox_status_check', t.status, inboxStatusValues),
  ],
);

// One row per running replica, beaten every few seconds: an inbox row whose worker has not
// beaten for a while belongs to a dead process and is taken over.
export const inboxWorkers = pgTable('inbox_workers', {
  id: text('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});

// Slack installations through OAuth v2 (Bolt's InstallationStore). One row per team, or per
// enterprise for an org-wide install. Tokens are encrypted (AES-256-GCM, RELANCE_ENCRYPTION_KEY);
// `installation` holds the rest of what Slack returned, without any token.
export const slackInstallations = pgTable(
  'slack_installations',
  {
    /** `T…` for a workspace install, `E…` for an org-wide (Enterprise Grid) one. */
    id: text('id').primaryKey(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: boolean('is_enterprise_install').notNull(),
    botUserId: text('bot_user_id'),
    /** `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), see slack-token-cipher. */
    botTokenSealed: text('bot_token_sealed'),
    userTokenSealed: text('user_token_sealed'),
    installation: jsonb('installation').$type<Record<string, unknown>>().notNull(),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Set by app_uninstalled / tokens_revoked: the tokens are gone, the workspace's data stays. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('slack_installations_enterprise_idx').on(t.enterpriseId)],
);
