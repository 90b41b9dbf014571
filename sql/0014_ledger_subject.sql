-- 0014: what each ledger transaction belongs to, so a statement line can
-- name its task or campaign (and link to it) in the same query that reads
-- the lines, instead of repeating its kind in an English memo.
--
-- campaign_id / task_id: set by the code that posts the transaction
-- (money/escrow.c, market/dispute.c); NULL for deposits, withdrawals and
-- credits. Older rows get them from their idempotency keys, whose forms
-- are fixed ("task:ID:...", "campaign:ID:..."). A payout that an admin's
-- dispute decision made gets its own kind, "overturn": before this
-- migration it was a "pay", whichever account it came from. Safe to run
-- again.

ALTER TABLE ledger_transactions
	ADD COLUMN IF NOT EXISTS campaign_id BIGINT UNSIGNED NULL,
	ADD COLUMN IF NOT EXISTS task_id BIGINT UNSIGNED NULL;

UPDATE ledger_transactions
SET task_id = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(idem_key, ':', 2), ':', -1)
    AS UNSIGNED)
WHERE task_id IS NULL AND idem_key REGEXP '^task:[0-9]+:';

UPDATE ledger_transactions
SET campaign_id = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(idem_key, ':', 2),
    ':', -1) AS UNSIGNED)
WHERE campaign_id IS NULL AND idem_key REGEXP '^campaign:[0-9]+:';

UPDATE ledger_transactions t JOIN tasks k ON k.id = t.task_id
SET t.campaign_id = k.campaign_id
WHERE t.campaign_id IS NULL;

-- A task is paid after a dispute only when no rating paid it: its one
-- "pay" is the overturn's.
UPDATE ledger_transactions t JOIN disputes d ON d.task_id = t.task_id
SET t.kind = 'overturn'
WHERE t.kind = 'pay' AND d.status = 'overturned';
