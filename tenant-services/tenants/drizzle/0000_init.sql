CREATE TABLE `api_clients` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`client_id` varchar(255) NOT NULL,
	`name` varchar(255) NOT NULL,
	`created_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `api_clients_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_api_clients_client_id` UNIQUE(`client_id`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`event_id` char(26) NOT NULL,
	`topic` varchar(249) NOT NULL,
	`message_key` varchar(191) NOT NULL,
	`envelope` longtext NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
	`published_at` datetime(3),
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`last_error` text,
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_outbox_event_id` UNIQUE(`event_id`)
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` char(26) NOT NULL,
	`consumer_group` varchar(191) NOT NULL,
	`processed_at` datetime(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
	CONSTRAINT `pk_processed_events` PRIMARY KEY(`event_id`,`consumer_group`)
);
--> statement-breakpoint
CREATE TABLE `staff_invitations` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`email` varchar(320) NOT NULL,
	`token_hash` char(64) NOT NULL,
	`status` enum('pending','accepted','revoked') NOT NULL,
	`invited_by` varchar(36) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`accepted_by` varchar(36),
	`accepted_at` datetime(3),
	`revoked_at` datetime(3),
	CONSTRAINT `staff_invitations_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_staff_invitations_token` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `tenant_status_history` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`from_status` enum('pending','active','suspended'),
	`to_status` enum('pending','active','suspended') NOT NULL,
	`changed_by` varchar(36),
	`reason` varchar(500),
	`changed_at` datetime(3) NOT NULL,
	CONSTRAINT `tenant_status_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`tenant_id` varchar(36) NOT NULL,
	`name` varchar(255) NOT NULL,
	`alias` varchar(64) NOT NULL,
	`status` enum('pending','active','suspended') NOT NULL,
	`commission_bps` int unsigned NOT NULL,
	`default_currency` char(3) NOT NULL,
	`contact_email` varchar(320) NOT NULL,
	`owner_user_id` varchar(36) NOT NULL,
	`status_changed_at` datetime(3) NOT NULL,
	`status_changed_by` varchar(36),
	`suspension_reason` varchar(500),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `tenants_tenant_id` PRIMARY KEY(`tenant_id`),
	CONSTRAINT `uq_tenants_alias` UNIQUE(`alias`),
	CONSTRAINT `uq_tenants_owner` UNIQUE(`owner_user_id`)
);
--> statement-breakpoint
CREATE INDEX `idx_api_clients_tenant` ON `api_clients` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_outbox_unpublished` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_outbox_key` ON `outbox` (`message_key`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_staff_invitations_tenant` ON `staff_invitations` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_staff_invitations_email` ON `staff_invitations` (`tenant_id`,`email`);--> statement-breakpoint
CREATE INDEX `idx_tenant_status_history_tenant` ON `tenant_status_history` (`tenant_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `idx_tenants_created` ON `tenants` (`created_at`,`tenant_id`);--> statement-breakpoint
CREATE INDEX `idx_tenants_status_created` ON `tenants` (`status`,`created_at`,`tenant_id`);