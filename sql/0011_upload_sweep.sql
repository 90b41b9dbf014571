-- 0011: what kaaj-admin's sweep of the upload folder needs.
--
-- A page stores an upload (a screenshot, a receipt) before the
-- transaction that names it in tasks.screenshot or deposits.receipt. A
-- process killed between the two, or a database error after which the
-- page cannot know whether its COMMIT landed, leaves a file no row names.
-- The sweep (kaaj-admin sweep-uploads, and cron once an hour) asks which
-- of a batch of old files' names a row still holds: these keys make that
-- one index look-up per name, whatever the size of the site.
--
-- cron_runs: when each piece of periodic work that should not run every
-- minute last ran; one guarded UPDATE decides which cron run does it, so
-- several machines running cron do it once. Safe to run again.

ALTER TABLE tasks ADD KEY IF NOT EXISTS screenshot (screenshot);
ALTER TABLE deposits ADD KEY IF NOT EXISTS receipt (receipt);

CREATE TABLE IF NOT EXISTS cron_runs (
	name VARCHAR(32) NOT NULL,
	last_run DATETIME NOT NULL,
	PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

INSERT IGNORE INTO cron_runs (name, last_run)
VALUES ('upload_sweep', '2000-01-01 00:00:00');
