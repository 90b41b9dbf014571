-- 0009: exact duplicate-proof marks. Which task first sent a given proof
-- text or screenshot in a campaign is decided by this table's primary
-- key, not by a look at the tasks: an INSERT IGNORE of (campaign, kind,
-- hash) owns the mark or waits for the transaction that holds it, so
-- twenty workers sending the same proof at once leave one owner and
-- nineteen tasks marked duplicate_of it (a SELECT of the tasks under READ
-- COMMITTED cannot see a copy sent in the same instant). A task's marks
-- go when it sends new proof. Safe to run again.

CREATE TABLE IF NOT EXISTS proof_marks (
	campaign_id BIGINT UNSIGNED NOT NULL,
	kind ENUM('text', 'screenshot') NOT NULL,
	hash BINARY(32) NOT NULL,		-- SHA-256, as in tasks
	task_id BIGINT UNSIGNED NOT NULL,	-- the first to send it
	PRIMARY KEY (campaign_id, kind, hash),
	KEY task_id (task_id),
	CONSTRAINT proof_marks_task FOREIGN KEY (task_id) REFERENCES tasks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The marks of proof sent before this table existed: the oldest task
-- that holds each hash owns it.
INSERT IGNORE INTO proof_marks (campaign_id, kind, hash, task_id)
	SELECT campaign_id, 'text', proof_hash, MIN(id) FROM tasks
	WHERE proof_hash IS NOT NULL GROUP BY campaign_id, proof_hash;
INSERT IGNORE INTO proof_marks (campaign_id, kind, hash, task_id)
	SELECT campaign_id, 'screenshot', screenshot_hash, MIN(id) FROM tasks
	WHERE screenshot_hash IS NOT NULL GROUP BY campaign_id, screenshot_hash;

-- Nothing reads the tasks by hash any more; writes no longer pay for it.
ALTER TABLE tasks DROP KEY IF EXISTS proof, DROP KEY IF EXISTS shot;
