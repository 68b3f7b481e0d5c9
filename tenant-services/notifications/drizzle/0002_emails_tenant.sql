ALTER TABLE `emails` ADD `tenant_id` varchar(36);--> statement-breakpoint
CREATE INDEX `ix_emails_tenant` ON `emails` (`tenant_id`);