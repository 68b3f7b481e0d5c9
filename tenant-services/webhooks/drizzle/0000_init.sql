CREATE TABLE `order_routes` (
	`seller_order_id` varchar(64) NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`seller_tenant_id` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `order_routes_seller_order_id` PRIMARY KEY(`seller_order_id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`endpoint_id` char(26) NOT NULL,
	`delivery_id` char(26) NOT NULL,
	`event_id` varchar(40) NOT NULL,
	`topic` varchar(64) NOT NULL,
	`attempt` int NOT NULL,
	`manual` int NOT NULL DEFAULT 0,
	`status` enum('succeeded','failed') NOT NULL,
	`response_status` int,
	`latency_ms` int NOT NULL,
	`response_body` varchar(1024),
	`error` varchar(500),
	`attempted_at` datetime(3) NOT NULL,
	CONSTRAINT `webhook_attempts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`endpoint_id` char(26) NOT NULL,
	`event_id` varchar(40) NOT NULL,
	`resource_key` varchar(160) NOT NULL,
	`status` enum('pending','succeeded','failed') NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3),
	`locked_until` datetime(3),
	`manual` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `webhook_deliveries_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_webhook_deliveries_event` UNIQUE(`endpoint_id`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`tenant_id` varchar(36) NOT NULL,
	`id` varchar(40) NOT NULL,
	`topic` varchar(64) NOT NULL,
	`resource_key` varchar(160) NOT NULL,
	`body` mediumtext NOT NULL,
	`occurred_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `webhook_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`url` varchar(2048) NOT NULL,
	`description` varchar(255) NOT NULL DEFAULT '',
	`topics` json NOT NULL,
	`enabled` boolean NOT NULL DEFAULT true,
	`disabled_reason` varchar(64),
	`secret` varchar(100) NOT NULL,
	`previous_secret` varchar(100),
	`previous_secret_expires_at` datetime(3),
	`failing_since` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`version` int NOT NULL DEFAULT 1,
	CONSTRAINT `webhook_endpoints_id` PRIMARY KEY(`id`)
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
CREATE INDEX `idx_order_routes_buyer_order` ON `order_routes` (`buyer_order_id`);--> statement-breakpoint
CREATE INDEX `idx_webhook_attempts_endpoint` ON `webhook_attempts` (`tenant_id`,`endpoint_id`,`attempted_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_webhook_attempts_time` ON `webhook_attempts` (`attempted_at`);--> statement-breakpoint
CREATE INDEX `idx_webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `idx_webhook_deliveries_resource` ON `webhook_deliveries` (`endpoint_id`,`status`,`resource_key`,`id`);--> statement-breakpoint
CREATE INDEX `idx_webhook_events_created` ON `webhook_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_webhook_endpoints_tenant` ON `webhook_endpoints` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_outbox_unpublished` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_outbox_key` ON `outbox` (`message_key`,`published_at`,`id`);