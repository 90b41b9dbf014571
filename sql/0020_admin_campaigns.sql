-- 0020: the admins' campaign search and their queue-delay notices.
--
-- /admin/campaigns finds campaigns by id, owner, state or the start of
-- the title, newest first with keyset paging on id. Each is a range of
-- one index: the primary key, owner (owner_id, id), board (status, id),
-- and title here (a prefix of the title; the id rides along in every
-- InnoDB key). The submissions of one campaign on /admin/campaigns/ID are
-- read per state from campaign_status (campaign_id, status, id), so no
-- index is added to tasks and claims pay for nothing new.
--
-- admin_notices: which late queue item (a deposit awaiting confirmation,
-- a withdrawal awaiting payment, an open dispute, a campaign awaiting
-- moderation) the admins were mailed about (admin/notices.c). kaaj-admin
-- cron inserts a row with INSERT IGNORE and mails only the items whose
-- row it inserted, in the same transaction as the mails it queues, so an
-- item is mailed about once however many crons run. Safe to run again.

ALTER TABLE campaigns ADD KEY IF NOT EXISTS title (title);

CREATE TABLE IF NOT EXISTS admin_notices (
	queue ENUM('deposit', 'withdrawal', 'dispute', 'moderation') NOT NULL,
	item_id BIGINT UNSIGNED NOT NULL,
	mailed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (queue, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
