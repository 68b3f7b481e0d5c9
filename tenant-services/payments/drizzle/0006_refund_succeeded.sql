ALTER TABLE `refunds` ADD `succeeded_at` datetime(3);--> statement-breakpoint
UPDATE `refunds` SET `succeeded_at` = `updated_at` WHERE `status` = 'succeeded';
