ALTER TABLE `buyer_orders` ADD `reservation_id` varchar(64);--> statement-breakpoint
ALTER TABLE `buyer_orders` ADD `sweep_attempts` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `buyer_orders` ADD `next_sweep_at` datetime(3);--> statement-breakpoint
ALTER TABLE `buyer_orders` ADD `last_error` varchar(1000);--> statement-breakpoint
ALTER TABLE `buyer_orders` ADD `stalled_state` varchar(32);--> statement-breakpoint
CREATE INDEX `buyer_orders_sweep` ON `buyer_orders` (`saga_state`,`sweep_attempts`,`next_sweep_at`);