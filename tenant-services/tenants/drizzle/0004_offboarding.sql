CREATE TABLE `tenant_deletions` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`reason` varchar(1000) NOT NULL,
	`requested_by` varchar(36),
	`requested_at` datetime(3) NOT NULL,
	`confirmations` json NOT NULL,
	`completed_at` datetime(3),
	CONSTRAINT `tenant_deletions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `tenant_exports` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`requested_by` varchar(36),
	`requested_at` datetime(3) NOT NULL,
	`parts` json NOT NULL,
	`archive_key` varchar(512),
	`archive_bytes` bigint unsigned,
	`completed_at` datetime(3),
	CONSTRAINT `tenant_exports_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `idx_tenant_deletions_tenant` ON `tenant_deletions` (`tenant_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `idx_tenant_exports_tenant` ON `tenant_exports` (`tenant_id`,`requested_at`);