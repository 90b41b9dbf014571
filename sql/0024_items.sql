-- 0024: one task item per slot, from a CSV file the employer uploads with
-- the campaign (docs/items.md). The campaign keeps its column names
-- (item_columns, a JSON array of strings, NULL for a campaign without
-- items); each item is one row here, its cells a JSON array in the
-- columns' order. One row per item rather than one per cell: a claim
-- binds the item with one guarded UPDATE of one row, the task page reads
-- it with one join by a unique key, and the results file reads a chunk
-- of items in key order; cells are only ever read all together.
--
-- task_id is the task that holds the item now: set by the claim's
-- UPDATE ... WHERE task_id IS NULL ... LIMIT 1 in the claim's
-- transaction, cleared when that task ends unpaid and frees its slot
-- (expired, or not satisfied with the slot reopened). Its unique key
-- lets no task hold two items; one column lets no item have two holders.
-- Safe to run again.

ALTER TABLE campaigns
	ADD COLUMN IF NOT EXISTS item_columns TEXT NULL;

CREATE TABLE IF NOT EXISTS campaign_items (
	campaign_id BIGINT UNSIGNED NOT NULL,
	row_no INT UNSIGNED NOT NULL,		-- 1, 2, ... in the file's order
	source_row INT UNSIGNED NOT NULL,	-- its record in the file
	cells MEDIUMTEXT NOT NULL,		-- JSON array of strings
	task_id BIGINT UNSIGNED NULL,
	PRIMARY KEY (campaign_id, row_no),
	UNIQUE KEY task_id (task_id),
	KEY free_items (campaign_id, task_id, row_no),
	CONSTRAINT campaign_items_campaign FOREIGN KEY (campaign_id)
	    REFERENCES campaigns (id),
	CONSTRAINT campaign_items_task FOREIGN KEY (task_id)
	    REFERENCES tasks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
