-- 0004: the marketplace: who may take a campaign, tasks (one worker's
-- claim of one slot, through proof and rating), disputes, blocks and
-- notifications. Safe to run again.

ALTER TABLE campaigns
	ADD COLUMN IF NOT EXISTS countries_mode ENUM('all', 'include', 'exclude')
	    NOT NULL DEFAULT 'all' AFTER days_to_rate,
	ADD COLUMN IF NOT EXISTS countries VARCHAR(750) NOT NULL DEFAULT ''
	    AFTER countries_mode,		-- "BD,IN,PK"
	ADD COLUMN IF NOT EXISTS min_success INT UNSIGNED NOT NULL DEFAULT 0
	    AFTER countries,			-- percent, 0 to 100
	ADD COLUMN IF NOT EXISTS screenshot_required TINYINT(1) NOT NULL
	    DEFAULT 0 AFTER min_success,
	ADD COLUMN IF NOT EXISTS fee_per_task BIGINT NOT NULL DEFAULT 0
	    AFTER pay_per_task,			-- charged on top, micro-units
	ADD COLUMN IF NOT EXISTS reject_reason VARCHAR(500) NULL AFTER status,
	ADD COLUMN IF NOT EXISTS create_key VARCHAR(64) NULL AFTER reject_reason,
	ADD UNIQUE KEY IF NOT EXISTS owner_create_key (owner_id, create_key),
	ADD KEY IF NOT EXISTS board_pay (status, pay_per_task, id);

-- A worker's record, counted in the same transaction as each rating.
ALTER TABLE users
	ADD COLUMN IF NOT EXISTS tasks_satisfied INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS tasks_rejected INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS rated_satisfied INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS rated_rejected INT UNSIGNED NOT NULL DEFAULT 0;

-- One row per claim. The unique key lets a worker take a campaign once;
-- slots are counted by a guarded UPDATE of campaigns.slots_taken.
CREATE TABLE IF NOT EXISTS tasks (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	campaign_id BIGINT UNSIGNED NOT NULL,
	worker_id BIGINT UNSIGNED NOT NULL,
	status ENUM('claimed', 'pending', 'satisfied', 'not_satisfied',
	    'revise', 'expired') NOT NULL DEFAULT 'claimed',
	claimed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	deadline DATETIME NOT NULL,		-- to submit (claimed, revise)
	submitted_at DATETIME NULL,
	rate_by DATETIME NULL,			-- auto-approved after this
	rated_at DATETIME NULL,
	rated_by BIGINT UNSIGNED NULL,		-- NULL: approved by the clock
	reason VARCHAR(500) NULL,		-- not satisfied / revise
	revisions INT UNSIGNED NOT NULL DEFAULT 0,
	proof_hash BINARY(32) NULL,		-- SHA-256 of the text proof
	screenshot VARCHAR(64) NULL,
	screenshot_hash BINARY(32) NULL,
	duplicate_of BIGINT UNSIGNED NULL,	-- same proof as that task
	bonus BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (id),
	UNIQUE KEY campaign_worker (campaign_id, worker_id),
	KEY worker (worker_id, id),
	KEY campaign_status (campaign_id, status, id),
	KEY expiry (status, deadline),
	KEY rating (status, rate_by),
	KEY proof (campaign_id, proof_hash),
	KEY shot (campaign_id, screenshot_hash),
	CONSTRAINT tasks_campaign FOREIGN KEY (campaign_id)
	    REFERENCES campaigns (id),
	CONSTRAINT tasks_worker FOREIGN KEY (worker_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The job type's proof fields, as its plugin declares them.
CREATE TABLE IF NOT EXISTS task_fields (
	task_id BIGINT UNSIGNED NOT NULL,
	name VARCHAR(32) NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (task_id, name),
	CONSTRAINT task_fields_task FOREIGN KEY (task_id) REFERENCES tasks (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A worker's appeal of a rejection, decided by an admin.
CREATE TABLE IF NOT EXISTS disputes (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	task_id BIGINT UNSIGNED NOT NULL,
	message TEXT NOT NULL,
	status ENUM('open', 'overturned', 'upheld') NOT NULL DEFAULT 'open',
	decided_by BIGINT UNSIGNED NULL,
	decided_at DATETIME NULL,
	note VARCHAR(500) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY task_id (task_id),
	KEY status (status, id),
	CONSTRAINT disputes_task FOREIGN KEY (task_id) REFERENCES tasks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An employer's "do not let this worker take my campaigns".
CREATE TABLE IF NOT EXISTS worker_blocks (
	employer_id BIGINT UNSIGNED NOT NULL,
	worker_id BIGINT UNSIGNED NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (employer_id, worker_id),
	KEY worker_id (worker_id),
	CONSTRAINT worker_blocks_employer FOREIGN KEY (employer_id)
	    REFERENCES users (id),
	CONSTRAINT worker_blocks_worker FOREIGN KEY (worker_id)
	    REFERENCES users (id)
) ENGINE=InnoDB;

-- What happened to a user's work or money; the page shows
-- Lang.Notify.KIND with the task, campaign and reason.
CREATE TABLE IF NOT EXISTS notifications (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id BIGINT UNSIGNED NOT NULL,
	kind VARCHAR(32) NOT NULL,
	task_id BIGINT UNSIGNED NULL,
	campaign_id BIGINT UNSIGNED NULL,
	reason VARCHAR(500) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	read_at DATETIME NULL,
	PRIMARY KEY (id),
	KEY user_unread (user_id, read_at, id),
	CONSTRAINT notifications_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
