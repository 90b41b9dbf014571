-- 0002: what accounts need: payout details, single-use tokens for
-- activation, password reset and e-mail change, used captcha challenges,
-- and rate-limit counters. Safe to run again (IF NOT EXISTS throughout).

ALTER TABLE users
	ADD COLUMN IF NOT EXISTS payout_method VARCHAR(32) NOT NULL DEFAULT ''
	    AFTER language,
	ADD COLUMN IF NOT EXISTS payout_account VARCHAR(120) NOT NULL DEFAULT ''
	    AFTER payout_method,
	ADD COLUMN IF NOT EXISTS activated_at DATETIME NULL AFTER ban_reason;

-- Single-use links sent by mail. Only SHA-256 of the token is stored; a
-- used token keeps its row (used_at set) so a second use can be told
-- apart from a wrong link.
CREATE TABLE IF NOT EXISTS account_tokens (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	token_hash BINARY(32) NOT NULL,
	user_id BIGINT UNSIGNED NOT NULL,
	purpose ENUM('activate', 'reset', 'email') NOT NULL,
	new_email VARCHAR(254) NULL,		-- for purpose 'email'
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at DATETIME NOT NULL,
	used_at DATETIME NULL,
	PRIMARY KEY (id),
	UNIQUE KEY token_hash (token_hash),
	KEY user_purpose (user_id, purpose),
	KEY expires_at (expires_at),
	CONSTRAINT account_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Captcha challenges already solved: the primary key makes a second use
-- of one solution fail, on every server. Rows can go once expired.
CREATE TABLE IF NOT EXISTS captcha_used (
	salt BINARY(16) NOT NULL,
	expires_at DATETIME NOT NULL,
	PRIMARY KEY (salt),
	KEY expires_at (expires_at)
) ENGINE=InnoDB;

-- Fixed-window counters: bucket names the thing limited ("login:ip:...").
-- A hit is one INSERT ... ON DUPLICATE KEY UPDATE hits = hits + 1.
CREATE TABLE IF NOT EXISTS rate_limits (
	bucket VARBINARY(160) NOT NULL,
	window_start BIGINT NOT NULL,		-- unix seconds
	hits INT UNSIGNED NOT NULL DEFAULT 0,
	expires_at DATETIME NOT NULL,
	PRIMARY KEY (bucket, window_start),
	KEY expires_at (expires_at)
) ENGINE=InnoDB;
