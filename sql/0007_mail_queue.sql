-- 0007: outgoing mail waits in the database instead of being sent while a
-- page is served (which made a known address answer slower than an
-- unknown one). A page adds one row; `kaaj-admin cron` or `kaaj-admin
-- mail-send` sends it (cgi-bin/accounts/mail_queue.c). Safe to run again.

-- One mail. status: queued (waits for next_attempt_at), sending (claimed
-- by a sender until next_attempt_at, its lease; a sender that died leaves
-- it to be claimed again after that), sent, or failed (tried attempts
-- times; an admin may queue it again). A claim is one guarded UPDATE that
-- also counts the attempt, so (id, attempts) names one claim and only its
-- sender can settle the row. The body holds the mail's link and is
-- emptied once the mail is sent; sent rows are deleted by cron after
-- mail.keep_sent_days.
CREATE TABLE IF NOT EXISTS mail_queue (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	recipient VARCHAR(254) NOT NULL,
	subject VARCHAR(200) NOT NULL,
	body MEDIUMTEXT NOT NULL,
	status ENUM('queued', 'sending', 'sent', 'failed') NOT NULL
	    DEFAULT 'queued',
	attempts INT UNSIGNED NOT NULL DEFAULT 0,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_error VARCHAR(500) NULL,
	sent_at DATETIME NULL,
	PRIMARY KEY (id),
	KEY due (status, next_attempt_at),
	KEY sent_at (sent_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
