CREATE TABLE "inbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"key" text NOT NULL,
	"tenant" text,
	"body" jsonb NOT NULL,
	"reply_url" text,
	"status" text DEFAULT 'working' NOT NULL,
	"worker" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"request_id" text,
	"error" text,
	CONSTRAINT "inbox_status_check" CHECK ("status" in ('working', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "inbox_workers" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_installations" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"is_enterprise_install" boolean NOT NULL,
	"bot_user_id" text,
	"bot_token_sealed" text,
	"user_token_sealed" text,
	"installation" jsonb NOT NULL,
	"installed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "processed_events" ADD COLUMN "replies" jsonb;--> statement-breakpoint
ALTER TABLE "processed_events" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_platform_key_uq" ON "inbox" USING btree ("platform","key");--> statement-breakpoint
CREATE INDEX "inbox_open_idx" ON "inbox" USING btree ("status","worker") WHERE "inbox"."status" = 'working';--> statement-breakpoint
CREATE INDEX "inbox_done_idx" ON "inbox" USING btree ("done_at");--> statement-breakpoint
CREATE INDEX "slack_installations_enterprise_idx" ON "slack_installations" USING btree ("enterprise_id");