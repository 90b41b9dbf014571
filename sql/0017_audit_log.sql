-- 0017: the audit log. One row per admin action (a page of /admin or a
-- kaaj-admin command that changes money, users or the schema), written by
-- accounts/audit.c in the same transaction as the change, so a change
-- that rolls back leaves no row and no change goes unrecorded. Rows are
-- only ever inserted: no statement of kaaj updates or deletes them
-- (tests/unit/check_audit_append fails on one).
--
-- actor_id is the admin's user id on the web, NULL for kaaj-admin, whose
-- actor_name is the OS login (and "via sudo" SUDO_USER). address is the
-- web request's REMOTE_ADDR, '' for kaaj-admin. target_kind and target_id
-- name what was acted on (deposit 12, campaign 7, user 3; id 0 when the
-- target has none, as the schema). detail is short: an amount, a ledger
-- key, a payout reference.
--
-- /admin/audit lists newest first with keyset paging on id; each filter
-- (actor, action, target) is a range of its own key ending in id, so a
-- page is one index range read backwards. Safe to run again.

CREATE TABLE IF NOT EXISTS audit_log (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	actor_id BIGINT UNSIGNED NULL,
	actor_name VARCHAR(100) NOT NULL,
	via ENUM('web', 'cli') NOT NULL,
	address VARCHAR(45) NOT NULL DEFAULT '',
	action VARCHAR(32) NOT NULL,
	target_kind VARCHAR(16) NOT NULL,
	target_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
	reason VARCHAR(500) NOT NULL DEFAULT '',
	detail VARCHAR(200) NOT NULL DEFAULT '',
	PRIMARY KEY (id),
	KEY actor (actor_name, id),
	KEY action (action, id),
	KEY target (target_kind, target_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
