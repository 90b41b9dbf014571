-- 0018: the admins' dashboard (/admin) by index ranges. Its figures by
-- day read the rows of the days asked for, never a table whole: users by
-- when they signed up and were activated, campaigns by when they were
-- made, tasks by when they were rated (with their status, so the range
-- is read from the key alone), and recent fraud flags. What is owed now
-- (users' available and held balances, campaigns' escrow) is the sum of
-- the accounts that hold money, a range of (kind, balance) above zero,
-- not every account the site ever opened. docs/performance.md has the
-- plans. Safe to run again.

ALTER TABLE users
	ADD KEY IF NOT EXISTS created_at (created_at),
	ADD KEY IF NOT EXISTS activated_at (activated_at);

ALTER TABLE campaigns ADD KEY IF NOT EXISTS created_at (created_at);

ALTER TABLE tasks ADD KEY IF NOT EXISTS rated_at (rated_at, status);

ALTER TABLE fraud_flags ADD KEY IF NOT EXISTS created_at (created_at);

-- The oldest withdrawal waiting: the first entry of its status.
ALTER TABLE withdrawals ADD KEY IF NOT EXISTS status_age (status, created_at);

ALTER TABLE ledger_accounts ADD KEY IF NOT EXISTS kind_balance (kind, balance);
