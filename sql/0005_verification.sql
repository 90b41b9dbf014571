-- 0005: automatic verification of completion codes. An employer of a job
-- type with a verify_field may set a secret; each worker's expected code
-- is an HMAC of (campaign, worker) with it (cgi-bin/verify.c). Safe to run
-- again.

ALTER TABLE campaigns
	ADD COLUMN IF NOT EXISTS verify_secret VARCHAR(128) NULL,
	ADD COLUMN IF NOT EXISTS verify_mode ENUM('off', 'verify', 'approve')
	    NOT NULL DEFAULT 'off';

-- The last submission's code: NULL not checked, 1 matches, 0 does not.
ALTER TABLE tasks
	ADD COLUMN IF NOT EXISTS code_ok TINYINT(1) NULL;
