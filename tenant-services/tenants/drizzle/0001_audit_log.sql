CREATE TABLE `audit_log` (
	`id` varchar(26) NOT NULL,
	`occurred_at` datetime(3) NOT NULL,
	`actor_id` varchar(36),
	`service` varchar(40) NOT NULL,
	`action` varchar(80) NOT NULL,
	`tenant_id` varchar(36),
	`target_type` varchar(40) NOT NULL,
	`target_id` varchar(191),
	`before` json,
	`after` json,
	`reason` text,
	`is_read` boolean NOT NULL,
	`trace_id` varchar(128) NOT NULL,
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `idx_audit_occurred` ON `audit_log` (`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_audit_tenant` ON `audit_log` (`tenant_id`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_audit_actor` ON `audit_log` (`actor_id`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_audit_action` ON `audit_log` (`action`,`occurred_at`,`id`);