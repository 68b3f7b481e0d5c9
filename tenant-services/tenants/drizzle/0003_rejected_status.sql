ALTER TABLE `tenant_status_history` MODIFY COLUMN `from_status` enum('pending','active','suspended','rejected');--> statement-breakpoint
ALTER TABLE `tenant_status_history` MODIFY COLUMN `to_status` enum('pending','active','suspended','rejected') NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` MODIFY COLUMN `status` enum('pending','active','suspended','rejected') NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `rejection_reason` varchar(1000);