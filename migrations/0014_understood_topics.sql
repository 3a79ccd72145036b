CREATE TABLE "conversation_topics" (
	"workspace_id" integer NOT NULL,
	"place" text NOT NULL,
	"frame" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_topics_workspace_id_place_pk" PRIMARY KEY("workspace_id","place")
);
--> statement-breakpoint
ALTER TABLE "conversation_topics" ADD CONSTRAINT "conversation_topics_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;