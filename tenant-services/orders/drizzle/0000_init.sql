CREATE TABLE `tenant_commissions` (
	`tenant_id` varchar(36) NOT NULL,
	`commission_bps` int NOT NULL,
	`changed_at` datetime(3) NOT NULL,
	CONSTRAINT `tenant_commissions_tenant_id` PRIMARY KEY(`tenant_id`)
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
CREATE TABLE `buyer_orders` (
	`id` char(26) NOT NULL,
	`buyer_id` varchar(36) NOT NULL,
	`status` varchar(32) NOT NULL,
	`currency` char(3) NOT NULL,
	`total` bigint NOT NULL,
	`idempotency_key` varchar(191) NOT NULL,
	`shipping_address` json NOT NULL,
	`saga_state` varchar(32) NOT NULL,
	`saga_deadline` datetime(3) NOT NULL,
	`failure_reason` varchar(1000),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `buyer_orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `buyer_orders_buyer_key` UNIQUE(`buyer_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`seller_order_id` char(26) NOT NULL,
	`product_id` varchar(64) NOT NULL,
	`sku` varchar(64) NOT NULL,
	`title` varchar(255) NOT NULL,
	`quantity` int NOT NULL,
	`unit_price` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	CONSTRAINT `order_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_status_history` (
	`id` char(26) NOT NULL,
	`order_id` char(26) NOT NULL,
	`from_status` varchar(32),
	`to_status` varchar(32) NOT NULL,
	`actor` varchar(64) NOT NULL,
	`reason` varchar(1000),
	`at` datetime(3) NOT NULL,
	CONSTRAINT `order_status_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `seller_orders` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`buyer_order_id` char(26) NOT NULL,
	`status` varchar(32) NOT NULL,
	`currency` char(3) NOT NULL,
	`subtotal` bigint NOT NULL,
	`commission_bps` int NOT NULL,
	`carrier` varchar(64),
	`tracking_number` varchar(128),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `seller_orders_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `idx_outbox_unpublished` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_outbox_key` ON `outbox` (`message_key`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `buyer_orders_buyer_created` ON `buyer_orders` (`buyer_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `buyer_orders_saga` ON `buyer_orders` (`saga_state`,`saga_deadline`);--> statement-breakpoint
CREATE INDEX `buyer_orders_created` ON `buyer_orders` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `order_lines_seller_order` ON `order_lines` (`tenant_id`,`seller_order_id`);--> statement-breakpoint
CREATE INDEX `order_status_history_order` ON `order_status_history` (`order_id`,`at`);--> statement-breakpoint
CREATE INDEX `seller_orders_tenant_created` ON `seller_orders` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `seller_orders_buyer_order` ON `seller_orders` (`buyer_order_id`);