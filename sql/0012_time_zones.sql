-- 0012: each user's time zone. Times stay UTC in the database; pages
-- show them in the user's zone: the one chosen in settings, or when
-- time_zone is '' the usual zone of the user's country (the system's
-- zone.tab), or site.time_zone. Safe to run again.

ALTER TABLE users
	ADD COLUMN IF NOT EXISTS time_zone VARCHAR(64) NOT NULL DEFAULT ''
	    AFTER language;
