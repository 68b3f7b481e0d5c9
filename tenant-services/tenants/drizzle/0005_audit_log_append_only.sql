-- ADR 0020: the audit log is append-only. The collector only inserts (INSERT IGNORE on the event id); any UPDATE or
-- DELETE of a row is refused by the database itself. Retention is an operator's decision outside the application:
-- TRUNCATE or dropping a partition does not fire row triggers (see the ADR).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only (ADR 0020): rows are never updated';--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only (ADR 0020): rows are never deleted';
