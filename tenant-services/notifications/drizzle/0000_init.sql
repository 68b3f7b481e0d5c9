CREATE TABLE `order_buyers` (
	`buyer_order_id` varchar(64) NOT NULL,
	`buyer_id` varchar(64) NOT NULL,
	`placed_at` datetime(3) NOT NULL,
	CONSTRAINT `order_buyers_buyer_order_id` PRIMARY KEY(`buyer_order_id`)
);
--> statement-breakpoint
CREATE TABLE `recipients` (
	`user_id` varchar(64) NOT NULL,
	`email` varchar(254) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `recipients_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `sellers` (
	`tenant_id` varchar(36) NOT NULL,
	`name` varchar(255) NOT NULL,
	`contact_email` varchar(254) NOT NULL,
	`owner_user_id` varchar(64) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `sellers_tenant_id` PRIMARY KEY(`tenant_id`)
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
CREATE TABLE `feed_states` (
	`user_id` varchar(64) NOT NULL,
	`read_all_before` datetime(3) NOT NULL,
	CONSTRAINT `feed_states_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `notification_reads` (
	`user_id` varchar(64) NOT NULL,
	`notification_id` char(26) NOT NULL,
	`read_at` datetime(3) NOT NULL,
	CONSTRAINT `notification_reads_user_id_notification_id_pk` PRIMARY KEY(`user_id`,`notification_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` char(26) NOT NULL,
	`audience` varchar(80) NOT NULL,
	`kind` varchar(40) NOT NULL,
	`title` varchar(200) NOT NULL,
	`body` varchar(1000) NOT NULL,
	`link` varchar(1000) NOT NULL,
	`source_event_id` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`),
	CONSTRAINT `uq_notifications_source` UNIQUE(`source_event_id`,`audience`,`kind`)
);
--> statement-breakpoint
CREATE TABLE `emails` (
	`id` char(26) NOT NULL,
	`dedupe_key` varchar(200) NOT NULL,
	`template` varchar(40) NOT NULL,
	`to_address` varchar(254) NOT NULL,
	`subject` varchar(300) NOT NULL,
	`text` mediumtext NOT NULL,
	`html` mediumtext NOT NULL,
	`status` enum('pending','sent','failed') NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`last_error` varchar(500),
	`created_at` datetime(3) NOT NULL,
	`sent_at` datetime(3),
	CONSTRAINT `emails_id` PRIMARY KEY(`id`),
	CONSTRAINT `emails_dedupe_key_unique` UNIQUE(`dedupe_key`)
);
--> statement-breakpoint
CREATE TABLE `mail_preferences` (
	`user_id` varchar(64) NOT NULL,
	`new_orders` boolean NOT NULL DEFAULT true,
	`low_stock` boolean NOT NULL DEFAULT true,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `mail_preferences_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE INDEX `idx_outbox_unpublished` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_outbox_key` ON `outbox` (`message_key`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_notifications_feed` ON `notifications` (`audience`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `ix_emails_due` ON `emails` (`status`,`next_attempt_at`);