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
CREATE TABLE `ledger_entries` (
	`id` char(26) NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`seller_order_id` varchar(64),
	`tenant_id` varchar(36),
	`kind` enum('charge','transfer','commission','refund','transfer_reversal') NOT NULL,
	`amount` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`provider_ref` varchar(255),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `ledger_entries_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` char(26) NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`idempotency_key` varchar(191) NOT NULL,
	`provider` varchar(16) NOT NULL,
	`intent_id` varchar(255) NOT NULL,
	`client_secret` varchar(255),
	`amount` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`status` enum('requires_payment','succeeded','failed','refunded') NOT NULL,
	`failure_reason` varchar(500),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_payments_buyer_order` UNIQUE(`buyer_order_id`),
	CONSTRAINT `uq_payments_idempotency_key` UNIQUE(`idempotency_key`),
	CONSTRAINT `uq_payments_intent` UNIQUE(`intent_id`)
);
--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` char(26) NOT NULL,
	`idempotency_key` varchar(191) NOT NULL,
	`payment_id` char(26) NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`seller_order_id` varchar(64),
	`amount` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`status` enum('pending','succeeded','failed') NOT NULL,
	`provider_refund_id` varchar(255),
	`failure_reason` varchar(500),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `refunds_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_refunds_idempotency_key` UNIQUE(`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `transfer_reversals` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`refund_id` char(26) NOT NULL,
	`transfer_id` char(26) NOT NULL,
	`amount` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`status` enum('pending','failed','succeeded') NOT NULL,
	`provider_reversal_id` varchar(255),
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`last_error` varchar(1000),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `transfer_reversals_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_transfer_reversals_refund` UNIQUE(`refund_id`)
);
--> statement-breakpoint
CREATE TABLE `transfers` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`payment_id` char(26) NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`seller_order_id` varchar(64) NOT NULL,
	`subtotal` bigint NOT NULL,
	`commission_bps` int unsigned NOT NULL,
	`commission` bigint NOT NULL,
	`amount` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`status` enum('pending','created') NOT NULL,
	`provider_transfer_id` varchar(255),
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`last_error` text,
	`reversal_status` enum('none','pending','failed','succeeded') NOT NULL DEFAULT 'none',
	`reversed_amount` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `transfers_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_transfers_seller_order` UNIQUE(`seller_order_id`)
);
--> statement-breakpoint
CREATE TABLE `payout_accounts` (
	`tenant_id` varchar(36) NOT NULL,
	`provider_account_id` varchar(255) NOT NULL,
	`charges_enabled` boolean NOT NULL,
	`payouts_enabled` boolean NOT NULL,
	`details_submitted` boolean NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `payout_accounts_tenant_id` PRIMARY KEY(`tenant_id`),
	CONSTRAINT `uq_payout_accounts_provider` UNIQUE(`provider_account_id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`event_id` varchar(255) NOT NULL,
	`type` varchar(100) NOT NULL,
	`processed_at` datetime(3) NOT NULL,
	CONSTRAINT `webhook_events_event_id` PRIMARY KEY(`event_id`)
);
--> statement-breakpoint
CREATE INDEX `idx_outbox_unpublished` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_outbox_key` ON `outbox` (`message_key`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_ledger_buyer_order` ON `ledger_entries` (`buyer_order_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_ledger_tenant` ON `ledger_entries` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_payments_status` ON `payments` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_refunds_payment` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE INDEX `idx_refunds_seller_order` ON `refunds` (`seller_order_id`);--> statement-breakpoint
CREATE INDEX `idx_transfer_reversals_status` ON `transfer_reversals` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_transfers_buyer_order` ON `transfers` (`buyer_order_id`);--> statement-breakpoint
CREATE INDEX `idx_transfers_tenant_created` ON `transfers` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_transfers_status` ON `transfers` (`status`);