CREATE TABLE `refund_requests` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`buyer_order_id` char(26) NOT NULL,
	`seller_order_id` char(26) NOT NULL,
	`buyer_id` varchar(36) NOT NULL,
	`idempotency_key` varchar(191) NOT NULL,
	`lines` json NOT NULL,
	`requested_amount` bigint NOT NULL,
	`accepted_amount` bigint,
	`currency` char(3) NOT NULL,
	`reason` varchar(1000) NOT NULL,
	`status` varchar(16) NOT NULL,
	`decision_reason` varchar(1000),
	`decided_by` varchar(36),
	`refund_id` varchar(64),
	`last_error` varchar(1000),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `refund_requests_id` PRIMARY KEY(`id`),
	CONSTRAINT `refund_requests_buyer_key` UNIQUE(`buyer_id`,`idempotency_key`)
);
--> statement-breakpoint
ALTER TABLE `seller_orders` ADD `refunded_amount` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `refund_requests_tenant_created` ON `refund_requests` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `refund_requests_seller_order` ON `refund_requests` (`seller_order_id`);--> statement-breakpoint
CREATE INDEX `refund_requests_buyer_created` ON `refund_requests` (`buyer_id`,`created_at`,`id`);