CREATE TABLE `commission_rules` (
	`id` char(26) NOT NULL,
	`scope` varchar(110) NOT NULL,
	`tenant_id` varchar(36),
	`category_id` varchar(64),
	`rate_bps` int NOT NULL,
	`min_per_line` bigint,
	`min_currency` char(3),
	`updated_by` varchar(36) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `commission_rules_id` PRIMARY KEY(`id`),
	CONSTRAINT `commission_rules_scope` UNIQUE(`scope`)
);
--> statement-breakpoint
ALTER TABLE `tenant_commissions` ADD `explicit` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `category_id` varchar(64);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `commission_bps` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `commission` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `seller_orders` ADD `commission` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `seller_orders` SET `commission` = ROUND(`subtotal` * `commission_bps` / 10000);--> statement-breakpoint
UPDATE `order_lines` l JOIN `seller_orders` s ON s.`id` = l.`seller_order_id` SET l.`commission_bps` = s.`commission_bps`, l.`commission` = ROUND(l.`quantity` * l.`unit_price` * s.`commission_bps` / 10000);
