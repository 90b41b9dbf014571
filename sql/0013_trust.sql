-- 0013: trust, both ways. Workers rate the employer of a task once it is
-- rated (fair pay, clear instructions, speed of rating, 1 to 5 each); an
-- employer's averages, approval rate and average time to rate are kept as
-- counters on their users row, raised in the same transaction as each
-- review or rating, so a job page reads them by primary key whatever the
-- site's size. withdrawals' paid key lets the public payout page read the
-- last 30 days of payouts without reading older ones. Safe to run again.

CREATE TABLE IF NOT EXISTS employer_reviews (
	task_id BIGINT UNSIGNED NOT NULL,	-- one review per task
	employer_id BIGINT UNSIGNED NOT NULL,
	worker_id BIGINT UNSIGNED NOT NULL,
	pay TINYINT UNSIGNED NOT NULL,		-- fair pay, 1 to 5
	clarity TINYINT UNSIGNED NOT NULL,	-- clear instructions
	speed TINYINT UNSIGNED NOT NULL,	-- speed of rating
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (task_id),
	KEY employer (employer_id, task_id),
	CONSTRAINT employer_reviews_task FOREIGN KEY (task_id)
	    REFERENCES tasks (id),
	CONSTRAINT employer_reviews_marks CHECK (pay BETWEEN 1 AND 5
	    AND clarity BETWEEN 1 AND 5 AND speed BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

ALTER TABLE users
	ADD COLUMN IF NOT EXISTS reviews INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS review_pay_sum INT UNSIGNED NOT NULL
	    DEFAULT 0,
	ADD COLUMN IF NOT EXISTS review_clarity_sum INT UNSIGNED NOT NULL
	    DEFAULT 0,
	ADD COLUMN IF NOT EXISTS review_speed_sum INT UNSIGNED NOT NULL
	    DEFAULT 0,
	-- ratings of this employer's tasks (by them or by the clock) and
	-- the seconds from submission to rating they took together
	ADD COLUMN IF NOT EXISTS rated_timed INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS rate_seconds BIGINT UNSIGNED NOT NULL
	    DEFAULT 0;

ALTER TABLE withdrawals ADD KEY IF NOT EXISTS paid (status, decided_at);
