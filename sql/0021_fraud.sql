-- 0021: the admins' fraud view (/admin/fraud, market/fraud.h).
--
-- fraud_signals: what an admin should look at, written when it happens,
-- in the statement's own transaction where there is one, never found by
-- reading a table whole: an account seen on an address another account
-- used before (address), a withdrawal to a payout account another user
-- asked for (payout), proof another worker sent first, in any campaign
-- (copy), proof sent sooner after the claim than fraud.min_task_seconds
-- (fast), and an account seen on an address of the account that referred
-- it, of that one's referrer, or of an account it referred (referral).
-- The unique key writes each signal once; rows are never updated. The
-- view reads one kind newest first, a range of (kind, id).
--
-- proof_marks (kind, hash, task_id): the first task that sent a proof,
-- in any campaign, is one look-up at submit. withdrawals (method,
-- account, user_id): the other users of a payout account, a range.
-- Safe to run again.

CREATE TABLE IF NOT EXISTS fraud_signals (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind ENUM('address', 'payout', 'copy', 'fast', 'referral') NOT NULL,
	user_id BIGINT UNSIGNED NOT NULL,	-- whose act raised it
	other_user_id BIGINT UNSIGNED NOT NULL DEFAULT 0,  -- 0: none
	task_id BIGINT UNSIGNED NOT NULL DEFAULT 0,	   -- copy, fast
	other_task_id BIGINT UNSIGNED NOT NULL DEFAULT 0,  -- copy: the first
	ip VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
	detail VARCHAR(160) NOT NULL DEFAULT '',  -- payout: method account
	seconds INT UNSIGNED NULL,		-- fast: claim to proof
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY once (kind, user_id, other_user_id, task_id, ip),
	KEY kind_id (kind, id),
	CONSTRAINT fraud_signals_user FOREIGN KEY (user_id)
	    REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE proof_marks ADD KEY IF NOT EXISTS hash_task (kind, hash, task_id);

ALTER TABLE withdrawals
	ADD KEY IF NOT EXISTS payout_account (method, account, user_id);

-- The shared addresses and payout accounts from before this table: each
-- account paired with the one seen on the address, or asking for the
-- account, just before it (the view's links lead to the others).
INSERT IGNORE INTO fraud_signals (kind, user_id, other_user_id, ip,
    created_at)
	SELECT 'address', user_id, prev, ip, first_seen FROM (
	    SELECT user_id, ip, first_seen, LAG(user_id) OVER (PARTITION BY ip
	        ORDER BY first_seen, user_id) AS prev
	    FROM user_addresses) a
	WHERE prev IS NOT NULL ORDER BY first_seen, user_id;
INSERT IGNORE INTO fraud_signals (kind, user_id, other_user_id, detail,
    created_at)
	SELECT 'payout', user_id, prev, LEFT(CONCAT(method, ' ', account), 160),
	    asked FROM (
	    SELECT method, account, user_id, asked, LAG(user_id)
	        OVER (PARTITION BY method, account ORDER BY first) AS prev
	    FROM (SELECT method, account, user_id, MIN(id) AS first,
	        MIN(created_at) AS asked FROM withdrawals
	        GROUP BY method, account, user_id) g) w
	WHERE prev IS NOT NULL ORDER BY asked;
