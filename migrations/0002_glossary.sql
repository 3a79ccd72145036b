CREATE TABLE "glossary_daily_channels" (
	"workspace_id" integer NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"ref" jsonb NOT NULL,
	"shown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_posted_on" date,
	CONSTRAINT "glossary_daily_channels_workspace_id_platform_channel_id_pk" PRIMARY KEY("workspace_id","platform","channel_id")
);
--> statement-breakpoint
CREATE TABLE "glossary_terms" (
	"workspace_id" integer NOT NULL,
	"term_id" text NOT NULL,
	"category" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_fr" text NOT NULL,
	"definition_en" text NOT NULL,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"related" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "glossary_terms_workspace_id_term_id_pk" PRIMARY KEY("workspace_id","term_id")
);
--> statement-breakpoint
CREATE TABLE "quiz_scores" (
	"workspace_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"asked" integer DEFAULT 0 NOT NULL,
	"correct" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "quiz_scores_workspace_id_member_id_pk" PRIMARY KEY("workspace_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "glossary_daily_channels" ADD CONSTRAINT "glossary_daily_channels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD CONSTRAINT "glossary_terms_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD CONSTRAINT "glossary_terms_updated_by_members_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_scores" ADD CONSTRAINT "quiz_scores_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_scores" ADD CONSTRAINT "quiz_scores_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;