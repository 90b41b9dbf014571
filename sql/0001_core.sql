-- 0001: accounts, sessions and campaigns.
--
-- InnoDB only, every table has a primary key, no LOCK TABLES or GET_LOCK:
-- the schema runs unchanged on a Galera cluster. Text is utf8mb4 with a
-- case-insensitive Unicode collation, so "Alice" and "alice" are the same
-- user name. Times are UTC DATETIME (the db layer sets time_zone '+00:00').
-- Money is BIGINT micro-units (1 = 0.000001 of the site currency).

CREATE TABLE IF NOT EXISTS users (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	username VARCHAR(32) NOT NULL,
	email VARCHAR(254) NOT NULL,
	password_hash VARCHAR(255) NOT NULL,	-- crypto_pwhash_str (argon2id)
	country CHAR(2) NOT NULL DEFAULT '',	-- ISO 3166 alpha-2; '' unknown
	language VARCHAR(8) NOT NULL DEFAULT 'en',
	is_admin TINYINT(1) NOT NULL DEFAULT 0,
	status ENUM('pending', 'active', 'banned') NOT NULL DEFAULT 'pending',
	ban_reason VARCHAR(500) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY username (username),
	UNIQUE KEY email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The cookie holds 32 hex digits; only UNHEX(SHA2(cookie, 256)) is stored,
-- so a copy of this table opens no session.
CREATE TABLE IF NOT EXISTS sessions (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	token_hash BINARY(32) NOT NULL,
	user_id BIGINT UNSIGNED NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_seen_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY token_hash (token_hash),
	KEY user_id (user_id),
	CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A campaign offers slots_total tasks of one job type (a plugin's name).
-- A claim is one guarded UPDATE on slots_taken; the CHECK is the backstop.
CREATE TABLE IF NOT EXISTS campaigns (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	owner_id BIGINT UNSIGNED NOT NULL,
	job_type VARCHAR(32) NOT NULL,
	category VARCHAR(32) NOT NULL,
	title VARCHAR(120) NOT NULL,
	instructions TEXT NOT NULL,
	proof_instructions TEXT NOT NULL,
	slots_total INT UNSIGNED NOT NULL,
	slots_taken INT UNSIGNED NOT NULL DEFAULT 0,
	slots_done INT UNSIGNED NOT NULL DEFAULT 0,
	pay_per_task BIGINT NOT NULL,		-- micro-units
	status ENUM('pending', 'running', 'paused', 'stopped', 'rejected',
	    'finished') NOT NULL DEFAULT 'pending',
	minutes_to_finish INT UNSIGNED NOT NULL DEFAULT 60,
	days_to_rate INT UNSIGNED NOT NULL DEFAULT 7,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY board (status, id),
	KEY board_cat (status, category, id),
	KEY owner (owner_id, id),
	CONSTRAINT campaigns_owner FOREIGN KEY (owner_id) REFERENCES users (id),
	CONSTRAINT campaigns_slots CHECK (slots_taken <= slots_total),
	CONSTRAINT campaigns_pay CHECK (pay_per_task > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The job type's own campaign fields, as its plugin declares them.
CREATE TABLE IF NOT EXISTS campaign_fields (
	campaign_id BIGINT UNSIGNED NOT NULL,
	name VARCHAR(32) NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (campaign_id, name),
	CONSTRAINT campaign_fields_campaign FOREIGN KEY (campaign_id)
	    REFERENCES campaigns (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
