-- 0025: repeatable campaigns. A template is a campaign's form saved under
-- a name (fields: a JSON object of the form's fields as the page posts
-- them, "x_NAME" for the job type's own), to start new campaigns from;
-- it is checked again, as any form, when used. release_per_hour: at most
-- that many slots are opened each hour from opened_at (when the campaign
-- first ran), 0 for all at once; the claim's guarded UPDATE holds it.
-- Safe to run again.

CREATE TABLE IF NOT EXISTS campaign_templates (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	owner_id BIGINT UNSIGNED NOT NULL,
	name VARCHAR(80) NOT NULL,
	job_type VARCHAR(32) NOT NULL,
	fields MEDIUMTEXT NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY owner_name (owner_id, name),
	CONSTRAINT campaign_templates_owner FOREIGN KEY (owner_id)
	    REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE campaigns
	ADD COLUMN IF NOT EXISTS release_per_hour INT UNSIGNED NOT NULL
	    DEFAULT 0 AFTER slots_done,
	ADD COLUMN IF NOT EXISTS opened_at DATETIME NULL AFTER created_at;

-- Campaigns that ran before: open since they were made.
UPDATE campaigns SET opened_at = created_at
WHERE opened_at IS NULL AND status <> 'pending' AND status <> 'rejected';
