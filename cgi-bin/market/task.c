/*
 * Tasks: claiming a slot, submitting proof, expiring late claims.
 * Rating: rating.c.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "market/campaign.h"
#include "market/fraud.h"
#include "market/items.h"
#include "storage/db.h"
#include "market/market_int.h"
#include "accounts/notify.h"
#include "accounts/webhooks.h"
#include "market/task.h"

struct claim {
	int64_t campaign, worker, task;
	int items;		/* the campaign has one item per slot */
	enum market_result result;
};

/* Why the guarded slot UPDATE of campaign changed nothing. */
static enum market_result
claim_why(struct db *db, int64_t campaign)
{
	enum market_result why;
	struct db_result r;

	if (db_query(db, &r, "SELECT status FROM campaigns WHERE id = ?", "i",
	    campaign) != DB_OK)
		return MARKET_DB_ERROR;
	if (r.nrows == 0)
		why = MARKET_NOT_FOUND;
	else if (strcmp(db_cell(&r, 0, 0), "running") == 0)
		why = MARKET_FULL;
	else
		why = MARKET_WRONG_STATE;
	db_result_free(&r);
	return why;
}

/* Transaction body: take a slot, then make the task. */
static int
claim_body(struct db *db, void *arg)
{
	struct claim *c = arg;
	uint64_t affected, id;
	int rc, taken;

	c->task = 0;
	c->result = MARKET_DB_ERROR;
	rc = db_exec(db, &affected, NULL, "UPDATE campaigns"
	    " SET slots_taken = slots_taken + 1 WHERE id = ?"
	    " AND status = 'running' AND slots_taken < slots_total"
	    " AND " CAMPAIGN_RELEASED("campaigns"), "i",
	    c->campaign);
	if (rc != DB_OK)
		return rc;
	if (affected != 1) {
		c->result = claim_why(db, c->campaign);
		return c->result == MARKET_DB_ERROR ? DB_ERROR : DB_ROLLBACK;
	}
	rc = db_exec(db, NULL, &id, "INSERT INTO tasks (campaign_id, worker_id,"
	    " deadline) SELECT id, ?,"
	    " UTC_TIMESTAMP() + INTERVAL minutes_to_finish MINUTE"
	    " FROM campaigns WHERE id = ?", "ii", c->worker, c->campaign);
	if (rc == DB_DUPLICATE) {
		c->result = MARKET_TAKEN;
		return DB_ROLLBACK;
	}
	if (rc != DB_OK)
		return rc;
	/* Its item, in the same transaction: slots and free items agree. */
	if (c->items) {
		if ((rc = items_take(db, c->campaign, (int64_t)id, &taken)) !=
		    DB_OK)
			return rc;
		if (!taken) {
			c->result = MARKET_FULL;
			return DB_ROLLBACK;
		}
	}
	c->task = (int64_t)id;
	/* The claim that took the last free slot tells the employer. */
	if ((rc = webhook_queue(db, WEBHOOK_OUT_OF_SLOTS, c->task)) != DB_OK)
		return rc;
	c->result = MARKET_OK;
	return DB_OK;
}

enum market_result
task_claim(struct db *db, int64_t campaign, int64_t worker,
    int64_t *task_id, const char **why)
{
	struct claim c = { campaign, worker, 0, 0, MARKET_DB_ERROR };
	enum market_result r;

	*task_id = 0;
	r = market_may_take(db, campaign, worker, NULL, why, &c.items);
	if (r != MARKET_OK)
		return r;
	r = market_txn(db_txn(db, claim_body, &c), &c.result);
	if (r == MARKET_OK)
		*task_id = c.task;
	return r;
}

/*
 * In a txn body: expire task if it is claimed or revise and past its
 * deadline, freeing its slot and telling the worker. *done = 1 when this
 * call did; t gets the task as market_lock_task read it.
 */
static int
expire_one(struct db *db, int64_t task, struct task_ctx *t, int *done,
    enum market_result *result)
{
	uint64_t affected;
	int rc;

	*done = 0;
	if ((rc = market_lock_task(db, task, t, result)) != DB_OK)
		return rc;
	rc = db_exec(db, &affected, NULL, "UPDATE tasks SET status = 'expired'"
	    " WHERE id = ? AND status IN ('claimed', 'revise')"
	    " AND deadline < UTC_TIMESTAMP()", "i", task);
	if (rc != DB_OK || affected != 1)
		return rc;
	if ((rc = market_task_unpaid(db, t, 1, result)) != DB_OK)
		return rc;
	*done = 1;
	return notify(db, t->worker, "expired", task, t->campaign, NULL);
}

/* Transaction body for cron: expire one task. */
static int
expire_body(struct db *db, void *arg)
{
	struct market_due *d = arg;
	struct task_ctx t;
	int rc;

	d->result = MARKET_OK;
	rc = expire_one(db, d->task, &t, &d->done, &d->result);
	if (rc == DB_OK && !d->done)
		return DB_ROLLBACK;
	return rc;
}

enum market_result
task_expire_due(struct db *db, int64_t *count)
{
	return market_each_due(db, "SELECT id FROM tasks"
	    " WHERE status IN ('claimed', 'revise')"
	    " AND deadline < UTC_TIMESTAMP() AND id > ? ORDER BY id LIMIT 500",
	    expire_body, count);
}

struct submit {
	int64_t task, worker;
	const struct task_proof *in;
	unsigned char proof_hash[TASK_HASH_LEN];
	int has_proof_hash;
	struct task_submitted *out;
	enum market_result result;
	/* Read by submit_lock, for the fraud signals. */
	int64_t first_text, first_shot;	/* first task, of another worker,
					 * to send the same proof; or 0 */
	int64_t seconds;		/* since the claim; -1: not the
					 * first proof */
};

/* Non-zero for the ASCII white space trimmed off proof values. */
static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\f' || c == '\v';
}

/*
 * SHA-256 of the proof values, each trimmed and in ASCII lower case,
 * joined by 0x1f, into s->proof_hash; s->has_proof_hash = 0 when every
 * value is empty (a screenshot alone is compared by its own hash).
 */
static void
proof_hash(struct submit *s)
{
	const struct kaaj_values *proof = s->in->values;
	crypto_hash_sha256_state st;
	const char *v, *end;
	char c;
	size_t i;

	s->has_proof_hash = 0;
	crypto_hash_sha256_init(&st);
	for (i = 0; proof != NULL && i < proof->n; i++) {
		if (i > 0)
			crypto_hash_sha256_update(&st,
			    (const unsigned char *)"\x1f", 1);
		v = proof->values[i];
		end = v + strlen(v);
		while (v < end && blank(*v))
			v++;
		while (end > v && blank(end[-1]))
			end--;
		if (v < end)
			s->has_proof_hash = 1;
		for (; v < end; v++) {
			c = *v >= 'A' && *v <= 'Z' ? (char)(*v - 'A' + 'a') :
			    *v;
			crypto_hash_sha256_update(&st, (unsigned char *)&c, 1);
		}
	}
	crypto_hash_sha256_final(&st, s->proof_hash);
}

/*
 * Mark hash (of kind 'text' or 'screenshot') as sent for s->task in
 * campaign, unless another task holds the mark: then *owner gets that
 * task. The mark's primary key decides who was first, even for copies
 * sent in the same instant: the INSERT waits for a transaction that
 * holds the same mark. Nothing to do when hash is NULL or *owner is set.
 */
static int
mark_proof(struct db *db, const struct submit *s, int64_t campaign,
    const char *kind, const unsigned char *hash, int64_t *owner)
{
	struct db_result r;
	uint64_t affected;
	int rc;

	if (hash == NULL || *owner != 0)
		return DB_OK;
	rc = db_exec(db, &affected, NULL, "INSERT IGNORE INTO proof_marks"
	    " (campaign_id, kind, hash, task_id) VALUES (?, ?, ?, ?)", "isbi",
	    campaign, kind, hash, (size_t)TASK_HASH_LEN, s->task);
	if (rc != DB_OK || affected == 1)
		return rc;
	if (db_query(db, &r, "SELECT task_id FROM proof_marks"
	    " WHERE campaign_id = ? AND kind = ? AND hash = ?", "isb",
	    campaign, kind, hash, (size_t)TASK_HASH_LEN) != DB_OK)
		return DB_ERROR;
	if (r.nrows > 0)
		*owner = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return DB_OK;
}

/*
 * Why the proof is not stored: late (the task is expired here, and that
 * is committed), pending already, past proof, or, when it is waiting for
 * proof, refused (the page's check found the proof wrong).
 */
static int
submit_refused(struct db *db, struct submit *s)
{
	struct task_ctx t;
	int done, rc;

	if ((rc = expire_one(db, s->task, &t, &done, &s->result)) != DB_OK)
		return rc;
	if (done) {
		s->result = MARKET_EXPIRED;
		return DB_OK;	/* commit the expiry */
	}
	if (strcmp(t.status, "expired") == 0)
		s->result = MARKET_EXPIRED;
	else if (strcmp(t.status, "pending") == 0)
		s->result = MARKET_DONE_BEFORE;
	else if (strcmp(t.status, "claimed") == 0 ||
	    strcmp(t.status, "revise") == 0)
		s->result = MARKET_BAD_PROOF;
	else
		s->result = MARKET_WRONG_STATE;
	return DB_ROLLBACK;
}

/* The first task that sent a proof of kind, or 0 when the worker's own. */
#define FIRST_MARK(kind) "(SELECT IF(o.worker_id = ?, 0, o.id)" \
	" FROM proof_marks m FORCE INDEX (hash_task)" \
	" JOIN tasks o ON o.id = m.task_id" \
	" WHERE m.kind = '" kind "' AND m.hash = ?" \
	" ORDER BY m.task_id LIMIT 1)"

/*
 * In a txn body: lock the worker's task row and read its campaign, the
 * campaign's days to rate, the screenshot the new proof replaces and
 * whether it takes proof now (*open: claimed or revise, before its
 * deadline). The lock holds that state until the transaction ends. For
 * the fraud signals, also the seconds since the claim (first proof only)
 * and the first task in any campaign that sent the same proof text or
 * screenshot when another worker's (the oldest mark: one look-up of
 * proof_marks' key hash_task, not locked).
 */
static int
submit_lock(struct db *db, struct submit *s, int64_t *campaign,
    int64_t *days, int *open)
{
	struct db_result r;
	const char *old;

	if (db_query(db, &r, "SELECT campaign_id, worker_id, screenshot,"
	    " status IN ('claimed', 'revise') AND deadline >= UTC_TIMESTAMP(),"
	    " IF(status = 'claimed',"
	    " TIMESTAMPDIFF(SECOND, claimed_at, UTC_TIMESTAMP()), -1)"
	    " FROM tasks WHERE id = ? FOR UPDATE", "i", s->task) != DB_OK)
		return DB_ERROR;
	s->result = r.nrows == 0 ? MARKET_NOT_FOUND :
	    db_cell_int(&r, 0, 1) != s->worker ? MARKET_NOT_ALLOWED : MARKET_OK;
	if (s->result == MARKET_OK) {
		*campaign = db_cell_int(&r, 0, 0);
		old = db_cell(&r, 0, 2);
		snprintf(s->out->replaced, sizeof(s->out->replaced), "%s",
		    old != NULL ? old : "");
		*open = db_cell_int(&r, 0, 3) != 0;
		s->seconds = db_cell_int(&r, 0, 4);
	}
	db_result_free(&r);
	if (s->result != MARKET_OK)
		return DB_ROLLBACK;
	s->result = MARKET_DB_ERROR;
	if (db_query(db, &r, "SELECT days_to_rate, " FIRST_MARK("text") ", "
	    FIRST_MARK("screenshot") " FROM campaigns WHERE id = ?", "ibibi",
	    s->worker, s->has_proof_hash ? s->proof_hash : NULL,
	    (size_t)TASK_HASH_LEN, s->worker, s->in->shot_hash,
	    (size_t)TASK_HASH_LEN, *campaign) != DB_OK)
		return DB_ERROR;
	*days = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	s->first_text = r.nrows == 1 ? db_cell_int(&r, 0, 1) : 0;
	s->first_shot = r.nrows == 1 ? db_cell_int(&r, 0, 2) : 0;
	db_result_free(&r);
	return DB_OK;
}

/*
 * In a txn body: the fraud signals of s's stored proof: a copy of
 * another worker's (dup, the campaign's first, else the first in any
 * campaign), and proof sooner after the claim than s->in->min_seconds.
 */
static int
submit_signals(struct db *db, const struct submit *s, int64_t dup)
{
	int64_t first = dup != 0 ? dup : s->first_text != 0 ? s->first_text :
	    s->first_shot;
	int rc = DB_OK;

	if (first != 0)
		rc = fraud_signal_copy(db, s->worker, s->task, first);
	if (rc == DB_OK && s->seconds >= 0 && s->seconds < s->in->min_seconds)
		rc = fraud_signal_fast(db, s->worker, s->task, s->seconds);
	return rc;
}

/* Transaction body: pending, with its proof and duplicate mark. */
static int
submit_body(struct db *db, void *arg)
{
	struct submit *s = arg;
	const struct task_proof *in = s->in;
	int64_t campaign = 0, days = 0, dup = 0;
	uint64_t affected;
	size_t i;
	int rc, open = 0;

	memset(s->out, 0, sizeof(*s->out));
	s->result = MARKET_DB_ERROR;
	if ((rc = submit_lock(db, s, &campaign, &days, &open)) != DB_OK)
		return rc;
	/* Refused proof is never stored, whatever the task's state is now. */
	if (!open || in->refused)
		return submit_refused(db, s);
	rc = db_exec(db, NULL, NULL, "DELETE FROM proof_marks WHERE task_id = ?",
	    "i", s->task);
	if (rc == DB_OK)
		rc = mark_proof(db, s, campaign, "text", s->has_proof_hash ?
		    s->proof_hash : NULL, &dup);
	if (rc == DB_OK)
		rc = mark_proof(db, s, campaign, "screenshot", in->shot_hash,
		    &dup);
	if (rc != DB_OK)
		return rc;
	rc = db_exec(db, &affected, NULL, "UPDATE tasks SET status = 'pending',"
	    " submitted_at = UTC_TIMESTAMP(),"
	    " rate_by = UTC_TIMESTAMP() + INTERVAL ? DAY, proof_hash = ?,"
	    " screenshot = ?, screenshot_hash = ?, duplicate_of = NULLIF(?, 0)"
	    " WHERE id = ? AND worker_id = ?"
	    " AND status IN ('claimed', 'revise')"
	    " AND deadline >= UTC_TIMESTAMP()", "ibsbiii", days,
	    s->has_proof_hash ? s->proof_hash : NULL, (size_t)TASK_HASH_LEN,
	    in->shot, in->shot_hash, (size_t)TASK_HASH_LEN, dup,
	    s->task, s->worker);
	if (rc != DB_OK)
		return rc;
	if (affected != 1) {	/* not while the row is locked */
		s->result = MARKET_WRONG_STATE;
		return DB_ROLLBACK;
	}
	rc = db_exec(db, NULL, NULL, "DELETE FROM task_fields"
	    " WHERE task_id = ?", "i", s->task);
	/* An empty value (left empty, or not applying) is not stored. */
	for (i = 0; rc == DB_OK && in->values != NULL && i < in->values->n;
	    i++)
		if (in->values->values[i][0] != '\0')
			rc = db_exec(db, NULL, NULL, "INSERT INTO task_fields"
			    " (task_id, name, value) VALUES (?, ?, ?)", "iss",
			    s->task, in->values->names[i],
			    in->values->values[i]);
	if (rc != DB_OK)
		return rc;
	if ((rc = submit_signals(db, s, dup)) != DB_OK ||
	    (rc = webhook_queue(db, WEBHOOK_SUBMISSION, s->task)) != DB_OK)
		return rc;
	/* The same file sent again is not replaced. */
	if (in->shot != NULL && strcmp(in->shot, s->out->replaced) == 0)
		s->out->replaced[0] = '\0';
	s->out->duplicate_of = dup;
	s->result = MARKET_OK;
	return DB_OK;
}

enum market_result
task_submit(struct db *db, int64_t task, int64_t worker,
    const struct task_proof *in, struct task_submitted *out)
{
	struct submit s;
	enum market_result r;

	memset(&s, 0, sizeof(s));
	s.task = task;
	s.worker = worker;
	s.in = in;
	s.out = out;
	proof_hash(&s);
	r = market_txn(db_txn(db, submit_body, &s), &s.result);
	if (r != MARKET_OK)
		memset(out, 0, sizeof(*out));
	return r;
}
