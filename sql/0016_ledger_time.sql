-- 0016: ledger transactions by time. Whatever asks "what moved since T"
-- (a worker's earnings of the last 30 days on the dashboard; the admins'
-- figures by day) finds the first transaction at or after T with one
-- index read, instead of reading a user's whole history. Transaction and
-- leg ids grow with time (each is taken when its row is inserted), so the
-- legs of an account since T are a range of its (account_id, id) key that
-- starts at the first leg of that transaction. Safe to run again.

ALTER TABLE ledger_transactions
	ADD KEY IF NOT EXISTS created_at (created_at, id);
