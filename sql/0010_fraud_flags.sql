-- 0010: where users come from, and what admins should look at.
--
-- user_addresses: every IP address a user signed up or logged in from,
-- with first and last time and how many logins; the key (ip, user_id)
-- finds the other accounts seen on an address.
--
-- fraud_flags: things an admin should look at, written in the same
-- transaction as what raised them; one flag of a kind per task. The first
-- kind: an employer approving a task of a worker who was seen on one of
-- the employer's own addresses (a second account paying itself). Rows
-- are never updated by kaaj. Safe to run again.

CREATE TABLE IF NOT EXISTS user_addresses (
	user_id BIGINT UNSIGNED NOT NULL,
	ip VARCHAR(45) NOT NULL,
	first_seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	logins INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (user_id, ip),
	KEY ip (ip, user_id),
	CONSTRAINT user_addresses_user FOREIGN KEY (user_id)
	    REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE IF NOT EXISTS fraud_flags (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind ENUM('shared_address') NOT NULL,
	task_id BIGINT UNSIGNED NOT NULL,
	employer_id BIGINT UNSIGNED NOT NULL,
	worker_id BIGINT UNSIGNED NOT NULL,
	ip VARCHAR(45) NOT NULL,		-- the address both were seen on
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY kind_task (kind, task_id),
	CONSTRAINT fraud_flags_task FOREIGN KEY (task_id) REFERENCES tasks (id),
	CONSTRAINT fraud_flags_employer FOREIGN KEY (employer_id)
	    REFERENCES users (id),
	CONSTRAINT fraud_flags_worker FOREIGN KEY (worker_id)
	    REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
