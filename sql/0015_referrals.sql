-- 0015: referrals. A user who registered through another's referral link
-- (/register?ref=USERNAME) keeps that user in referred_by, set once by
-- the INSERT that makes the account and never written again: no UPDATE
-- of kaaj names the column (accounts/users.c holds every write to users),
-- and a new row cannot name itself, its id not existing yet. (A CHECK
-- cannot say so: MariaDB refuses the AUTO_INCREMENT id in one; a trigger
-- would need a privilege shared hosts do not give.) While the referral lasts
-- (referral.days of the config after the referred user registered), each
-- task pay the referred user earns from a campaign's escrow moves
-- referral.percent of it, rounded down, from the site's revenue to the
-- referrer: ledger transaction "task:ID:referral", kind "referral".
--
-- referral_earned, on the referred user's row, is what their referrer has
-- earned from them so far: raised in the same transaction as each such
-- ledger transaction, so the referrals page reads a referrer's list and
-- totals from the users rows alone, by the referred_by key. Safe to run
-- again.

ALTER TABLE users
	ADD COLUMN IF NOT EXISTS referred_by BIGINT UNSIGNED NULL,
	ADD COLUMN IF NOT EXISTS referral_earned BIGINT NOT NULL DEFAULT 0,
	ADD KEY IF NOT EXISTS referred_by (referred_by, id),
	ADD CONSTRAINT users_referred_by FOREIGN KEY IF NOT EXISTS
	    (referred_by) REFERENCES users (id);
