-- 0008: which deposit requests may share a payment's transaction ID.
-- Until now one ID per method could be asked for once, whatever became of
-- the request: a rejected request used its ID up for ever (the payer who
-- typed a wrong amount could not ask again), and anyone could block a
-- payer by sending the payer's ID first. The rules now, each a unique key
-- so the server settles any race:
--   - an ID is confirmed at most once per method (confirmed_ref: the ID
--     while the request is confirmed, NULL otherwise; NULLs never clash),
--     so of two admins confirming two requests of one ID at once, the
--     second gets a duplicate key and confirms nothing;
--   - one user has at most one live (pending or confirmed) request of an
--     ID (live_ref), so a second click or a resend is refused;
--   - a rejected request holds neither, so its ID is free again;
--   - requests of different users may share a live ID: the admins' queue
--     shows them together as a conflict (found through the txn_ref key)
--     and an admin decides.
-- PERSISTENT (stored) columns rather than virtual ones: their values are
-- in the row itself, as Galera's certification of unique keys expects.
-- Safe to run again.

ALTER TABLE deposits
	ADD COLUMN IF NOT EXISTS live_ref VARCHAR(100)
	    AS (IF(status IN ('pending', 'confirmed'), txn_ref, NULL))
	    PERSISTENT,
	ADD COLUMN IF NOT EXISTS confirmed_ref VARCHAR(100)
	    AS (IF(status = 'confirmed', txn_ref, NULL)) PERSISTENT,
	ADD KEY IF NOT EXISTS txn_ref (method, txn_ref),
	ADD UNIQUE KEY IF NOT EXISTS live_ref (user_id, method, live_ref),
	ADD UNIQUE KEY IF NOT EXISTS confirmed_ref (method, confirmed_ref),
	DROP KEY IF EXISTS method_ref;
