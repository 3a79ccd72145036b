ALTER TABLE "nudges" DROP CONSTRAINT "nudges_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "nudges" DROP CONSTRAINT "nudges_member_id_members_id_fk";
