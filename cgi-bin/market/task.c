/*
 * Tasks: claiming a slot, submitting proof, expiring late claims.
 * Rating: rating.c.
 */
#include <string.h>

#include <sodium.h>

#include "market/campaign.h"
#include "storage/db.h"
#include "market/market_int.h"
#include "accounts/notify.h"
#include "market/task.h"

struct claim {
	int64_t campaign, worker, task;
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
	int rc;

	c->task = 0;
	c->result = MARKET_DB_ERROR;
	rc = db_exec(db, &affected, NULL, "UPDATE campaigns"
	    " SET slots_taken = slots_taken + 1 WHERE id = ?"
	    " AND status = 'running' AND slots_taken < slots_total", "i",
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
	c->task = (int64_t)id;
	c->result = MARKET_OK;
	return DB_OK;
}

enum market_result
task_claim(struct db *db, int64_t campaign, int64_t worker,
    int64_t *task_id, const char **why)
{
	struct claim c = { campaign, worker, 0, MARKET_DB_ERROR };
	enum market_result r;

	*task_id = 0;
	r = campaign_may_take(db, campaign, worker, NULL, why);
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
	const struct kaaj_values *proof;
	const char *shot;
	const unsigned char *shot_hash;
	unsigned char proof_hash[TASK_HASH_LEN];
	int has_proof_hash;
	int64_t duplicate_of;
	enum market_result result;
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
	crypto_hash_sha256_state st;
	const char *v, *end;
	char c;
	size_t i;

	s->has_proof_hash = 0;
	crypto_hash_sha256_init(&st);
	for (i = 0; s->proof != NULL && i < s->proof->n; i++) {
		if (i > 0)
			crypto_hash_sha256_update(&st,
			    (const unsigned char *)"\x1f", 1);
		v = s->proof->values[i];
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
 * *found gets the first other task of campaign that sql (comparing
 * proof_hash or screenshot_hash) finds with hash; 0 when none, or when
 * hash is NULL.
 */
static int
find_duplicate(struct db *db, const struct submit *s, int64_t campaign,
    const char *sql, const unsigned char *hash, int64_t *found)
{
	struct db_result r;

	*found = 0;
	if (hash == NULL)
		return DB_OK;
	if (db_query(db, &r, sql, "ibi", campaign, hash, (size_t)TASK_HASH_LEN,
	    s->task) != DB_OK)
		return DB_ERROR;
	if (r.nrows > 0)
		*found = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return DB_OK;
}

/* Why the guarded submit UPDATE changed nothing: late, or not now. */
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
	else
		s->result = MARKET_WRONG_STATE;
	return DB_ROLLBACK;
}

/* Transaction body: pending, with its proof and duplicate mark. */
static int
submit_body(struct db *db, void *arg)
{
	struct submit *s = arg;
	int64_t campaign, days;
	struct db_result r;
	uint64_t affected;
	size_t i;
	int rc;

	s->duplicate_of = 0;
	s->result = MARKET_DB_ERROR;
	if (db_query(db, &r, "SELECT t.campaign_id, t.worker_id,"
	    " c.days_to_rate FROM tasks t"
	    " JOIN campaigns c ON c.id = t.campaign_id WHERE t.id = ?", "i",
	    s->task) != DB_OK)
		return DB_ERROR;
	s->result = r.nrows == 0 ? MARKET_NOT_FOUND :
	    db_cell_int(&r, 0, 1) != s->worker ? MARKET_NOT_ALLOWED : MARKET_OK;
	campaign = db_cell_int(&r, 0, 0);
	days = db_cell_int(&r, 0, 2);
	db_result_free(&r);
	if (s->result != MARKET_OK)
		return DB_ROLLBACK;
	s->result = MARKET_DB_ERROR;
	rc = find_duplicate(db, s, campaign, "SELECT id FROM tasks"
	    " WHERE campaign_id = ? AND proof_hash = ? AND id <> ?"
	    " ORDER BY id LIMIT 1", s->has_proof_hash ? s->proof_hash : NULL,
	    &s->duplicate_of);
	if (rc == DB_OK && s->duplicate_of == 0)
		rc = find_duplicate(db, s, campaign, "SELECT id FROM tasks"
		    " WHERE campaign_id = ? AND screenshot_hash = ? AND id <> ?"
		    " ORDER BY id LIMIT 1", s->shot_hash, &s->duplicate_of);
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
	    s->shot, s->shot_hash, (size_t)TASK_HASH_LEN, s->duplicate_of,
	    s->task, s->worker);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return submit_refused(db, s);
	rc = db_exec(db, NULL, NULL, "DELETE FROM task_fields"
	    " WHERE task_id = ?", "i", s->task);
	for (i = 0; rc == DB_OK && s->proof != NULL && i < s->proof->n; i++)
		rc = db_exec(db, NULL, NULL, "INSERT INTO task_fields (task_id,"
		    " name, value) VALUES (?, ?, ?)", "iss", s->task,
		    s->proof->names[i], s->proof->values[i]);
	if (rc != DB_OK)
		return rc;
	s->result = MARKET_OK;
	return DB_OK;
}

enum market_result
task_submit(struct db *db, int64_t task, int64_t worker,
    const struct kaaj_values *proof, const char *shot,
    const unsigned char *shot_hash, int64_t *duplicate_of)
{
	struct submit s;
	enum market_result r;

	memset(&s, 0, sizeof(s));
	s.task = task;
	s.worker = worker;
	s.proof = proof;
	s.shot = shot;
	s.shot_hash = shot_hash;
	proof_hash(&s);
	r = market_txn(db_txn(db, submit_body, &s), &s.result);
	*duplicate_of = r == MARKET_OK ? s.duplicate_of : 0;
	return r;
}
