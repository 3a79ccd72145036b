-- Questions per flow (issue 15). A pending question now belongs to its flow (member + command
-- path + record, in `key`) rather than to the channel; `place` is where it was last asked (a
-- bare answer goes to the member's latest flow there, `asked` ordering them) and `flow_id` the
-- short id its buttons carry. Rows written before this migration were keyed by place: their key
-- is their place, and their old buttons (which carry no flow id) answer "no longer waiting".
-- Hand edit of what drizzle-kit generated: the columns are filled before they become NOT NULL.
CREATE SEQUENCE "public"."conversations_asked_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "flow_id" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "asked" bigint DEFAULT nextval('conversations_asked_seq') NOT NULL;--> statement-breakpoint
UPDATE "conversations" SET "place" = "key", "flow_id" = substr(md5("key"), 1, 10);--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "place" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "flow_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_place_idx" ON "conversations" USING btree ("workspace_id","place","asked");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_flow_id_idx" ON "conversations" USING btree ("workspace_id","flow_id");
