ALTER TABLE `tenants` ADD `description` varchar(2000);--> statement-breakpoint
ALTER TABLE `tenants` ADD `return_policy` varchar(5000);--> statement-breakpoint
ALTER TABLE `tenants` ADD `logo_media_id` char(26);