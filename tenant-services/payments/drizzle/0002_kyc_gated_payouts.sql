CREATE TABLE `tenant_statuses` (
	`tenant_id` varchar(36) NOT NULL,
	`status` enum('pending','active','suspended') NOT NULL,
	`changed_at` datetime(3) NOT NULL,
	CONSTRAINT `tenant_statuses_tenant_id` PRIMARY KEY(`tenant_id`)
);
--> statement-breakpoint
ALTER TABLE `ledger_entries` MODIFY COLUMN `kind` enum('charge','transfer','commission','refund','transfer_reversal','hold','release') NOT NULL;--> statement-breakpoint
ALTER TABLE `payout_accounts` ADD `transfers_active` boolean DEFAULT false NOT NULL;