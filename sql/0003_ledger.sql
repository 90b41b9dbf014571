-- 0003: money. A double-entry ledger in int64 micro-units of the site
-- currency: every movement is one transaction whose legs sum to zero.
-- Rows of transactions and legs are only ever inserted; a mistake is
-- undone by a new, reversing transaction. Safe to run again.

-- One row per place money can be. balance caches the sum of the account's
-- legs and changes in the same SQL transaction as they do; only the
-- outside world may go below zero (it is where deposits come from and
-- payouts go to), and the CHECK makes the server refuse anything else.
CREATE TABLE IF NOT EXISTS ledger_accounts (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind ENUM('available', 'held', 'escrow', 'revenue', 'outside') NOT NULL,
	owner_id BIGINT UNSIGNED NOT NULL DEFAULT 0,	-- user, campaign, or 0
	balance BIGINT NOT NULL DEFAULT 0,
	may_go_negative TINYINT(1) NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY kind_owner (kind, owner_id),
	CONSTRAINT ledger_accounts_not_negative
	    CHECK (may_go_negative = 1 OR balance >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- idem_key names the movement ("deposit:12", "task:123:pay"): a second
-- attempt at the same movement hits the unique key and moves nothing.
CREATE TABLE IF NOT EXISTS ledger_transactions (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	idem_key VARCHAR(120) NOT NULL,
	kind VARCHAR(32) NOT NULL,
	memo VARCHAR(255) NOT NULL DEFAULT '',
	actor_id BIGINT UNSIGNED NULL,			-- who caused it
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY idem_key (idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ledger_legs (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	txn_id BIGINT UNSIGNED NOT NULL,
	account_id BIGINT UNSIGNED NOT NULL,
	amount BIGINT NOT NULL,			-- + into the account, - out
	PRIMARY KEY (id),
	KEY account_id (account_id, id),
	KEY txn_id (txn_id),
	CONSTRAINT ledger_legs_txn FOREIGN KEY (txn_id)
	    REFERENCES ledger_transactions (id),
	CONSTRAINT ledger_legs_account FOREIGN KEY (account_id)
	    REFERENCES ledger_accounts (id),
	CONSTRAINT ledger_legs_not_zero CHECK (amount <> 0)
) ENGINE=InnoDB;

-- The outside world and the site's fee revenue exist from the start.
INSERT IGNORE INTO ledger_accounts (kind, owner_id, may_go_negative)
VALUES ('outside', 0, 1), ('revenue', 0, 0);

-- A request to add money, confirmed by an admin who saw it arrive. One
-- transaction ID per method can be claimed once.
CREATE TABLE IF NOT EXISTS deposits (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id BIGINT UNSIGNED NOT NULL,
	method VARCHAR(32) NOT NULL,
	amount BIGINT NOT NULL,
	txn_ref VARCHAR(100) NOT NULL,		-- the payment's transaction ID
	receipt VARCHAR(64) NULL,		-- stored file name, or NULL
	status ENUM('pending', 'confirmed', 'rejected') NOT NULL
	    DEFAULT 'pending',
	reason VARCHAR(500) NULL,
	decided_by BIGINT UNSIGNED NULL,
	decided_at DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY method_ref (method, txn_ref),
	KEY user_id (user_id, id),
	KEY status (status, id),
	CONSTRAINT deposits_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT deposits_positive CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A request to be paid out: amount moves from available to held at once;
-- an admin pays it (amount - fee to the outside world, fee to revenue) or
-- rejects it with a reason (amount back to available).
CREATE TABLE IF NOT EXISTS withdrawals (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id BIGINT UNSIGNED NOT NULL,
	method VARCHAR(32) NOT NULL,
	account VARCHAR(120) NOT NULL,
	amount BIGINT NOT NULL,			-- taken from the balance
	fee BIGINT NOT NULL,			-- kept by the site; fee < amount
	request_key VARCHAR(64) NOT NULL,	-- the form's one-time key
	status ENUM('pending', 'paid', 'rejected') NOT NULL DEFAULT 'pending',
	reason VARCHAR(500) NULL,
	payout_ref VARCHAR(100) NULL,		-- the admin's payment reference
	decided_by BIGINT UNSIGNED NULL,
	decided_at DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY request_key (user_id, request_key),
	KEY user_id (user_id, id),
	KEY status (status, id),
	CONSTRAINT withdrawals_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT withdrawals_positive CHECK (fee >= 0 AND amount > fee)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
