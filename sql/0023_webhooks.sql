-- 0023: webhooks (docs/api.md, "Webhooks"). An employer registers https
-- addresses that kaaj POSTs to, signed, when a submission arrives, a
-- campaign runs out of slots or a dispute opens. Safe to run again.

-- One address of a user's. secret signs every delivery (HMAC-SHA256,
-- docs/api.md); kaaj must keep it to sign, so it is kept as it is, and
-- shown to its owner once, when made. events: which events it gets.
-- Deleting a hook deletes its deliveries.
CREATE TABLE IF NOT EXISTS webhooks (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id BIGINT UNSIGNED NOT NULL,
	url VARCHAR(500) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	secret CHAR(70) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	events SET('submission', 'out_of_slots', 'dispute') NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY user_id (user_id, id),
	CONSTRAINT webhooks_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The outbox: one row per event and hook, written in the transaction of
-- the event itself (market/), so an event is sent exactly when it
-- happened. The row holds what the payload says (event_id, the ids, the
-- pay, created_at), so every try sends the same body. status: queued
-- (waits for next_try_at), sending (claimed by a sender until
-- next_try_at, its lease), done (answered 2xx) or failed (out of tries).
-- A claim is one guarded UPDATE that also counts the try, so
-- (id, attempts) names one claim and only its sender settles the row.
-- last_status is the last HTTP answer (NULL: none, see last_error).
CREATE TABLE IF NOT EXISTS webhook_deliveries (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	hook_id BIGINT UNSIGNED NOT NULL,
	event ENUM('submission.arrived', 'campaign.out_of_slots',
	    'dispute.opened') NOT NULL,
	event_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	campaign_id BIGINT UNSIGNED NOT NULL,
	task_id BIGINT UNSIGNED NULL,
	worker_id BIGINT UNSIGNED NULL,
	dispute_id BIGINT UNSIGNED NULL,
	slots INT UNSIGNED NULL,
	pay BIGINT NOT NULL,
	created_at DATETIME NOT NULL,
	status ENUM('queued', 'sending', 'done', 'failed') NOT NULL
	    DEFAULT 'queued',
	attempts INT UNSIGNED NOT NULL DEFAULT 0,
	next_try_at DATETIME NOT NULL,
	last_status SMALLINT UNSIGNED NULL,
	last_error VARCHAR(200) NULL,
	done_at DATETIME NULL,
	PRIMARY KEY (id),
	KEY hook_id (hook_id, id),
	KEY due (status, next_try_at),
	CONSTRAINT webhook_deliveries_hook FOREIGN KEY (hook_id)
	    REFERENCES webhooks (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
