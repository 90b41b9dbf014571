/*
 * The queue of outgoing mail: adding a mail (in a page), and sending what
 * is due (in kaaj-admin). A row is "queued" until a sender claims it,
 * "sending" while one holds it (until next_attempt_at, the claim's
 * lease), then "sent" or, out of tries, "failed". Every change of state
 * is one UPDATE guarded by the state it expects and checked by affected
 * rows; the claim adds one to attempts, so (id, attempts) names one claim
 * and only the sender that made it can settle the row.
 */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/config.h"
#include "base/log.h"
#include "storage/db.h"
#include "accounts/mail.h"
#include "accounts/mail_int.h"
#include "accounts/audit.h"
#include "accounts/mail_queue.h"

#define SEND_BATCH 100		/* due mails read at a time */
#define SEND_RETRIES 5		/* runs of a statement MariaDB undid */
#define PURGE_MAX 10000		/* sent rows deleted a call */
#define ERROR_MAX 400		/* bytes of last_error kept (holds 500) */

/* What a claim needs true of a row: it is due, and it has tries left. */
#define DUE "status IN ('queued', 'sending')" \
	" AND next_attempt_at <= UTC_TIMESTAMP() AND attempts < ?"

int
mail_queue_add(struct db *db, const struct kaaj_config *cfg, const char *to,
    const char *subject, const char *body, char *err, size_t errlen)
{
	struct buf check;
	int rc;

	/* The message is built again when sent; this only checks it. */
	buf_init(&check);
	rc = mail_compose(cfg, to, subject, body, &check, err, errlen);
	buf_free(&check);
	if (rc == -1)
		return -1;
	if (db_exec(db, NULL, NULL, "INSERT INTO mail_queue"
	    " (recipient, subject, body, created_at, next_attempt_at)"
	    " VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())", "sss", to,
	    subject, body) != DB_OK) {
		snprintf(err, errlen, "the mail could not be queued: %s",
		    db_error(db));
		return -1;
	}
	return 0;
}

int64_t
mail_retry_seconds(const struct kaaj_config *cfg, int64_t attempts)
{
	int64_t wait = (int64_t)cfg->mail_retry_minutes * 60;

	while (--attempts > 0 && wait < MAIL_RETRY_MAX_SECONDS)
		wait *= 2;
	return wait < MAIL_RETRY_MAX_SECONDS ? wait : MAIL_RETRY_MAX_SECONDS;
}

/*
 * Claim mail id for this sender: 1 when it is ours, 0 when it is not due
 * or another sender has it, -1 on a database error.
 */
static int
claim(struct db *db, const struct kaaj_config *cfg, int64_t id)
{
	uint64_t n;
	int rc, tries = 0;

	/* Two senders at once may deadlock here: MariaDB undoes one; again. */
	do
		rc = db_exec(db, &n, NULL, "UPDATE mail_queue"
		    " SET status = 'sending', attempts = attempts + 1,"
		    " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND"
		    " WHERE id = ? AND " DUE, "iii",
		    (int64_t)MAIL_LEASE_SECONDS, id,
		    (int64_t)cfg->mail_max_attempts);
	while (rc == DB_RETRY && ++tries < SEND_RETRIES);
	if (rc != DB_OK)
		return -1;
	return n == 1;
}

/*
 * Settle the claim (id, attempt) after the try: sent when err is NULL,
 * else failed at the last try, or queued again after the wait. Returns
 * 0, or -1 on a database error.
 */
static int
settle(struct db *db, const struct kaaj_config *cfg, int64_t id,
    int64_t attempt, const char *err, struct mail_run *run)
{
	uint64_t n;
	int rc, last = attempt >= cfg->mail_max_attempts;

	if (err == NULL)
		rc = db_exec(db, &n, NULL, "UPDATE mail_queue SET"
		    " status = 'sent', sent_at = UTC_TIMESTAMP(), body = '',"
		    " last_error = NULL WHERE id = ? AND status = 'sending'"
		    " AND attempts = ?", "ii", id, attempt);
	else
		rc = db_exec(db, &n, NULL, "UPDATE mail_queue SET status = ?,"
		    " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND,"
		    " last_error = ? WHERE id = ? AND status = 'sending'"
		    " AND attempts = ?", "sisii", last ? "failed" : "queued",
		    last ? (int64_t)0 : mail_retry_seconds(cfg, attempt), err,
		    id, attempt);
	if (rc != DB_OK)
		return -1;
	if (n == 0)
		/* Only when this try outlived its lease. */
		log_warn(NULL, "mail %lld: lost its claim (try %lld) before "
		    "it was settled", (long long)id, (long long)attempt);
	if (err == NULL)
		run->sent++;
	else if (last)
		run->failed++;
	else
		run->retried++;
	return 0;
}

/*
 * Claim mail id, send it and settle it. Returns 0 (also when another
 * sender has it), or -1 on a database error.
 */
static int
send_one(struct db *db, const struct kaaj_config *cfg, int64_t id,
    struct mail_run *run)
{
	char err[ERROR_MAX];
	struct db_result r;
	int64_t attempt;
	int rc, sent;

	if ((rc = claim(db, cfg, id)) != 1)
		return rc;
	/* Ours now: what this try sends, and which try it is. */
	if (db_query(db, &r, "SELECT recipient, subject, body, attempts"
	    " FROM mail_queue WHERE id = ?", "i", id) != DB_OK)
		return -1;
	if (r.nrows != 1) {
		db_result_free(&r);
		return 0;
	}
	attempt = db_cell_int(&r, 0, 3);
	sent = mail_send(cfg, db_cell(&r, 0, 0), db_cell(&r, 0, 1),
	    db_cell(&r, 0, 2), err, sizeof(err)) == 0;
	if (!sent)
		log_err(NULL, "mail %lld to %s, try %lld of %d: %s",
		    (long long)id, db_cell(&r, 0, 0), (long long)attempt,
		    cfg->mail_max_attempts, err);
	db_result_free(&r);
	return settle(db, cfg, id, attempt, sent ? NULL : err, run);
}

int
mail_queue_send_due(struct db *db, const struct kaaj_config *cfg,
    struct mail_run *run)
{
	struct db_result r;
	int64_t last = 0, max = cfg->mail_max_attempts;
	uint64_t n;
	size_t i;
	int rc, tries = 0;

	memset(run, 0, sizeof(*run));
	/*
	 * Out of tries, yet not failed: its sender died during the last
	 * try, or mail.max_attempts was lowered.
	 */
	do
		rc = db_exec(db, &n, NULL, "UPDATE mail_queue"
		    " SET status = 'failed' WHERE status IN ('queued', 'sending')"
		    " AND next_attempt_at <= UTC_TIMESTAMP() AND attempts >= ?",
		    "i", max);
	while (rc == DB_RETRY && ++tries < SEND_RETRIES);
	if (rc != DB_OK)
		return -1;
	rc = 0;
	run->failed = (int64_t)n;
	/* In id order from where the last batch ended: once a run each. */
	do {
		if (db_query(db, &r, "SELECT id FROM mail_queue WHERE " DUE
		    " AND id > ? ORDER BY id LIMIT ?", "iii", max, last,
		    (int64_t)SEND_BATCH) != DB_OK)
			return -1;
		for (i = 0; i < r.nrows && rc == 0; i++) {
			last = db_cell_int(&r, i, 0);
			rc = send_one(db, cfg, last, run);
		}
		n = r.nrows;
		db_result_free(&r);
	} while (rc == 0 && n == SEND_BATCH);
	return rc;
}

int
mail_queue_purge(struct db *db, const struct kaaj_config *cfg,
    int64_t *deleted)
{
	uint64_t n = 0;
	int rc;

	rc = db_exec(db, &n, NULL, "DELETE FROM mail_queue"
	    " WHERE status = 'sent'"
	    " AND sent_at < UTC_TIMESTAMP() - INTERVAL ? DAY"
	    " ORDER BY sent_at LIMIT ?", "ii",
	    (int64_t)cfg->mail_keep_sent_days, (int64_t)PURGE_MAX);
	*deleted = (int64_t)n;
	return rc == DB_OK ? 0 : -1;
}

/* A "send again" of one mail, and whether it was done. */
struct retry {
	int64_t id;
	int done;
};

/* Transaction body: requeue the failed mail, then write the audit row. */
static int
retry_body(struct db *db, void *arg)
{
	struct retry *r = arg;
	uint64_t n;
	int rc;

	r->done = 0;
	if ((rc = db_exec(db, &n, NULL, "UPDATE mail_queue"
	    " SET status = 'queued', attempts = 0,"
	    " next_attempt_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND status = 'failed'", "i", r->id)) != DB_OK)
		return rc;
	if (n != 1)
		return DB_ROLLBACK;
	if ((rc = audit_write(db, "mail.retry", "mail", r->id, NULL,
	    NULL)) != DB_OK)
		return rc;
	r->done = 1;
	return DB_OK;
}

int
mail_queue_retry(struct db *db, int64_t id)
{
	struct retry r = { id, 0 };
	int rc;

	rc = db_txn(db, retry_body, &r);
	if (rc != DB_OK && rc != DB_ROLLBACK)
		return -1;
	return r.done;
}
