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
CREATE TABLE `reservations` (
	`id` varchar(64) NOT NULL,
	`status` varchar(16) NOT NULL,
	`lines` json NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `reservations_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `locations` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`code` varchar(64) NOT NULL,
	`name` varchar(255) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `locations_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_locations_code` UNIQUE(`tenant_id`,`code`)
);
--> statement-breakpoint
CREATE TABLE `stock_adjustments` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`sku` varchar(64) NOT NULL,
	`location_id` char(26) NOT NULL,
	`actor_id` varchar(36) NOT NULL,
	`reason` varchar(500) NOT NULL,
	`on_hand_before` int NOT NULL,
	`on_hand_after` int NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `stock_adjustments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stock_levels` (
	`tenant_id` varchar(36) NOT NULL,
	`sku` varchar(64) NOT NULL,
	`location_id` char(26) NOT NULL,
	`on_hand` int NOT NULL,
	`reserved` int NOT NULL DEFAULT 0,
	`version` int NOT NULL DEFAULT 1,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `pk_stock_levels` PRIMARY KEY(`tenant_id`,`sku`,`location_id`),
	CONSTRAINT `chk_stock_on_hand` CHECK(`stock_levels`.`on_hand` >= 0),
	CONSTRAINT `chk_stock_reserved` CHECK(`stock_levels`.`reserved` >= 0 AND `stock_levels`.`reserved` <= `stock_levels`.`on_hand`)
);
--> statement-breakpoint
CREATE TABLE `stock_thresholds` (
	`tenant_id` varchar(36) NOT NULL,
	`sku` varchar(64) NOT NULL,
	`threshold` int NOT NULL,
	CONSTRAINT `pk_stock_thresholds` PRIMARY KEY(`tenant_id`,`sku`)
);
--> statement-breakpoint
CREATE INDEX `idx_outbox_unpublished` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_outbox_key` ON `outbox` (`message_key`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_reservations_expiry` ON `reservations` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `idx_stock_adjustments_sku` ON `stock_adjustments` (`tenant_id`,`sku`,`created_at`);