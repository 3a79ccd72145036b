CREATE INDEX "activities_occurred_idx" ON "activities" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE INDEX "deal_stage_history_changed_idx" ON "deal_stage_history" USING btree ("workspace_id","changed_at");--> statement-breakpoint
CREATE INDEX "deals_created_idx" ON "deals" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "deals_won_idx" ON "deals" USING btree ("workspace_id","status","won_at");--> statement-breakpoint
CREATE INDEX "deals_lost_idx" ON "deals" USING btree ("workspace_id","status","lost_at");--> statement-breakpoint
CREATE INDEX "deals_open_amount_idx" ON "deals" USING btree ("workspace_id","status","amount_minor");