CREATE TABLE `seller_balances` (
	`tenant_id` varchar(36) NOT NULL,
	`currency` char(3) NOT NULL,
	`balance` bigint NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `seller_balances_tenant_id_currency_pk` PRIMARY KEY(`tenant_id`,`currency`)
);
--> statement-breakpoint
CREATE TABLE `seller_ledger_entries` (
	`tenant_id` varchar(36) NOT NULL,
	`id` char(26) NOT NULL,
	`currency` char(3) NOT NULL,
	`kind` enum('sale','commission','payout','refund','reversal','hold','release','dispute') NOT NULL,
	`amount` bigint NOT NULL,
	`balance_after` bigint NOT NULL,
	`buyer_order_id` varchar(64) NOT NULL,
	`seller_order_id` varchar(64) NOT NULL,
	`provider_ref` varchar(255),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `seller_ledger_entries_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `idx_seller_ledger_tenant` ON `seller_ledger_entries` (`tenant_id`,`currency`,`created_at`,`id`);