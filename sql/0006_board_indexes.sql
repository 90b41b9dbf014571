-- 0006: indexes for every way the job board can be read, so that each is
-- a range scan of one index in the order shown, whatever the size of the
-- site: by date (board, board_cat, board_type) and by pay (board_pay,
-- board_cat_pay, board_type_pay), for all jobs, one category or one job
-- type. None of them holds a column a claim changes (slots_taken), so
-- claims do not pay for them. Safe to run again.

ALTER TABLE campaigns
	ADD KEY IF NOT EXISTS board_type (status, job_type, id),
	ADD KEY IF NOT EXISTS board_cat_pay (status, category, pay_per_task, id),
	ADD KEY IF NOT EXISTS board_type_pay (status, job_type, pay_per_task, id);
