-- Deal integrity (issue 14).
-- 1. Every reference to a company, contact or deal carries the workspace: (workspace_id, company_id)
--    references companies (workspace_id, id), and so on, so a row can never point to another
--    workspace's record. The referenced tables (and activities, for what comes to reference them)
--    get UNIQUE (workspace_id, id). The single-column foreign keys these replace are dropped.
-- 2. Every text column the schema gives a list of values (roles, deal status, lifecycle, activity
--    type/direction/outcome, verdicts, nudge and outbox statuses...) gets a CHECK constraint.
--
-- Existing rows are checked first (the DO block below). A row pointing to another workspace's
-- record, or holding a value outside its list, is not provably orphaned: it is real data with a
-- wrong link or an unknown word, and nulling or deleting it would silently lose something. So the
-- migration cleans nothing: it stops with one exception listing every offending table, column and
-- row count, and, run in one transaction, changes nothing. Fix those rows by hand, then restart.
-- (The single-column foreign keys already guarantee that every referenced id exists, so the only
-- possible violation of the new keys is a cross-workspace reference.)
--
-- Hand edits to what `drizzle-kit generate` wrote (the snapshot is drizzle-kit's, unchanged):
-- - this comment and the DO block;
-- - the UNIQUE (workspace_id, id) constraints come before the foreign keys that need them
--   (drizzle-kit emits them after, which PostgreSQL refuses);
-- - `ON DELETE SET NULL ("company_id")` instead of `ON DELETE set null`: on a composite key, plain
--   SET NULL would null workspace_id too (NOT NULL, so deleting a company would fail) where the
--   single-column keys nulled only the reference. The column list exists since PostgreSQL 15 (and
--   in PGlite 0.5); drizzle 0.45 cannot express it, so schema.ts says 'set null' and this file
--   names the column. ON DELETE CASCADE keys keep CASCADE.
DO $$
DECLARE
  problems text := '';
  n bigint;
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    ('activities', 'deal_id', 'deals'),
    ('activities', 'company_id', 'companies'),
    ('activities', 'contact_id', 'contacts'),
    ('contacts', 'company_id', 'companies'),
    ('customer_events', 'company_id', 'companies'),
    ('customer_events', 'deal_id', 'deals'),
    ('deal_stage_history', 'deal_id', 'deals'),
    ('deals', 'company_id', 'companies'),
    ('deals', 'contact_id', 'contacts'),
    ('nudges', 'deal_id', 'deals'),
    ('qualifications', 'deal_id', 'deals'),
    ('survey_responses', 'company_id', 'companies'),
    ('survey_responses', 'contact_id', 'contacts')
  ) AS v(tbl, col, target) LOOP
    EXECUTE format('SELECT count(*) FROM %I s WHERE s.%I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %I t WHERE t.workspace_id = s.workspace_id AND t.id = s.%I)', r.tbl, r.col, r.target, r.col) INTO n;
    IF n > 0 THEN
      problems := problems || format(E'\n  %s.%s: %s row(s) point to a row of %s in another workspace', r.tbl, r.col, n, r.target);
    END IF;
  END LOOP;
  FOR r IN SELECT * FROM (VALUES
    ('activities', 'type', ARRAY['call', 'email', 'meeting', 'demo', 'note']),
    ('activities', 'direction', ARRAY['inbound', 'outbound']),
    ('activities', 'outcome', ARRAY['done', 'no_answer', 'voicemail', 'no_show', 'positive', 'negative', 'rescheduled']),
    ('audit_log', 'outcome', ARRAY['ok', 'refused', 'failed']),
    ('companies', 'lifecycle', ARRAY['lead', 'prospect', 'client', 'inactive', 'lost']),
    ('contacts', 'lifecycle', ARRAY['lead', 'prospect', 'client', 'inactive', 'lost']),
    ('customer_events', 'kind', ARRAY['acquired', 'churned']),
    ('deals', 'status', ARRAY['open', 'won', 'lost']),
    ('deals', 'lost_reason', ARRAY['price', 'timing', 'competitor', 'no_need', 'no_budget', 'no_decision', 'other']),
    ('members', 'role', ARRAY['rep', 'manager', 'admin']),
    ('members', 'language', ARRAY['fr', 'en']),
    ('nudges', 'status', ARRAY['pending', 'sent', 'cleared']),
    ('objectives', 'metric', ARRAY['revenue', 'deals_won', 'activities']),
    ('outbox', 'kind', ARRAY['nudges', 'digest']),
    ('outbox', 'status', ARRAY['pending', 'sending', 'sent', 'failed', 'expired']),
    ('qualifications', 'verdict', ARRAY['qualified', 'nurture', 'disqualified']),
    ('spend_entries', 'category', ARRAY['sales', 'marketing']),
    ('stages', 'outcome', ARRAY['open', 'won', 'lost']),
    ('suppressions', 'kind', ARRAY['email', 'phone', 'name']),
    ('survey_responses', 'kind', ARRAY['nps', 'csat'])
  ) AS v(tbl, col, allowed) LOOP
    EXECUTE format('SELECT count(*) FROM %I WHERE %I IS NOT NULL AND NOT (%I = ANY ($1))', r.tbl, r.col, r.col) INTO n USING r.allowed;
    IF n > 0 THEN
      problems := problems || format(E'\n  %s.%s: %s row(s) with a value outside (%s)', r.tbl, r.col, n, array_to_string(r.allowed, ', '));
    END IF;
  END LOOP;
  IF problems <> '' THEN
    RAISE EXCEPTION 'migration 0011_deal_integrity: existing rows break the new constraints, nothing was changed. Fix these rows, then restart:%', problems;
  END IF;
END;
$$;
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_deal_id_deals_id_fk";
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_company_id_companies_id_fk";
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_contact_id_contacts_id_fk";
--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_company_id_companies_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_events" DROP CONSTRAINT "customer_events_company_id_companies_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_events" DROP CONSTRAINT "customer_events_deal_id_deals_id_fk";
--> statement-breakpoint
ALTER TABLE "deal_stage_history" DROP CONSTRAINT "deal_stage_history_deal_id_deals_id_fk";
--> statement-breakpoint
ALTER TABLE "deals" DROP CONSTRAINT "deals_company_id_companies_id_fk";
--> statement-breakpoint
ALTER TABLE "deals" DROP CONSTRAINT "deals_contact_id_contacts_id_fk";
--> statement-breakpoint
ALTER TABLE "nudges" DROP CONSTRAINT "nudges_deal_id_deals_id_fk";
--> statement-breakpoint
ALTER TABLE "qualifications" DROP CONSTRAINT "qualifications_deal_id_deals_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_company_id_companies_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_contact_id_contacts_id_fk";
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_workspace_id_uq" UNIQUE("workspace_id","id");
--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_workspace_id_uq" UNIQUE("workspace_id","id");
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_id_uq" UNIQUE("workspace_id","id");
--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_workspace_id_uq" UNIQUE("workspace_id","id");
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_company_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE SET NULL ("company_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE SET NULL ("contact_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_company_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE SET NULL ("company_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_events" ADD CONSTRAINT "customer_events_company_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customer_events" ADD CONSTRAINT "customer_events_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE SET NULL ("deal_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deal_stage_history" ADD CONSTRAINT "deal_stage_history_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_company_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE SET NULL ("company_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE SET NULL ("contact_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_deal_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_company_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE SET NULL ("company_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE SET NULL ("contact_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_type_check" CHECK ("type" in ('call', 'email', 'meeting', 'demo', 'note'));
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_direction_check" CHECK ("direction" in ('inbound', 'outbound'));
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_outcome_check" CHECK ("outcome" in ('done', 'no_answer', 'voicemail', 'no_show', 'positive', 'negative', 'rescheduled'));
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_outcome_check" CHECK ("outcome" in ('ok', 'refused', 'failed'));
--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_lifecycle_check" CHECK ("lifecycle" in ('lead', 'prospect', 'client', 'inactive', 'lost'));
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_lifecycle_check" CHECK ("lifecycle" in ('lead', 'prospect', 'client', 'inactive', 'lost'));
--> statement-breakpoint
ALTER TABLE "customer_events" ADD CONSTRAINT "customer_events_kind_check" CHECK ("kind" in ('acquired', 'churned'));
--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_status_check" CHECK ("status" in ('open', 'won', 'lost'));
--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_lost_reason_check" CHECK ("lost_reason" in ('price', 'timing', 'competitor', 'no_need', 'no_budget', 'no_decision', 'other'));
--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_role_check" CHECK ("role" in ('rep', 'manager', 'admin'));
--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_language_check" CHECK ("language" in ('fr', 'en'));
--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_status_check" CHECK ("status" in ('pending', 'sent', 'cleared'));
--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_metric_check" CHECK ("metric" in ('revenue', 'deals_won', 'activities'));
--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_kind_check" CHECK ("kind" in ('nudges', 'digest'));
--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_status_check" CHECK ("status" in ('pending', 'sending', 'sent', 'failed', 'expired'));
--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_verdict_check" CHECK ("verdict" in ('qualified', 'nurture', 'disqualified'));
--> statement-breakpoint
ALTER TABLE "spend_entries" ADD CONSTRAINT "spend_entries_category_check" CHECK ("category" in ('sales', 'marketing'));
--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_outcome_check" CHECK ("outcome" in ('open', 'won', 'lost'));
--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_kind_check" CHECK ("kind" in ('email', 'phone', 'name'));
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_kind_check" CHECK ("kind" in ('nps', 'csat'));
