CREATE TABLE `dispute_allocations` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`dispute_id` char(26) NOT NULL,
	`transfer_id` char(26) NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`seller_order_id` varchar(64) NOT NULL,
	`amount` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`mode` enum('reversal','shrunk') NOT NULL,
	`status` enum('held','returned','lost') NOT NULL,
	`return_transfer_id` varchar(255),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `dispute_allocations_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_dispute_allocations` UNIQUE(`dispute_id`,`transfer_id`)
);
--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` char(26) NOT NULL,
	`provider_dispute_id` varchar(255) NOT NULL,
	`payment_id` char(26) NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`amount` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`reason` varchar(100) NOT NULL,
	`status` enum('open','won','lost') NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `disputes_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_disputes_provider` UNIQUE(`provider_dispute_id`)
);
--> statement-breakpoint
ALTER TABLE `transfer_reversals` MODIFY COLUMN `refund_id` char(26);--> statement-breakpoint
ALTER TABLE `transfer_reversals` ADD `dispute_allocation_id` char(26);--> statement-breakpoint
ALTER TABLE `transfer_reversals` ADD CONSTRAINT `uq_transfer_reversals_dispute` UNIQUE(`dispute_allocation_id`);--> statement-breakpoint
CREATE INDEX `idx_disputes_created` ON `disputes` (`created_at`,`id`);