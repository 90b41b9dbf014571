/*
 * Mail to the admins about queues that wait too long (admin/notices.h).
 * The languages and the mail template are read only in a run that has
 * something to say, so a quiet cron run costs four index reads.
 */
#include <stdio.h>

#include "accounts/mail_queue.h"
#include "admin/notices.h"
#include "base/config.h"
#include "base/render.h"
#include "storage/db.h"

#define LATE_MAX 50		/* items of one queue mailed about a run */

/*
 * The items of table in state that waited hours (the one parameter) or
 * more and were not mailed about in queue, oldest first: a range of the
 * table's (status, id) key, each row looked up in admin_notices by its
 * primary key (an anti-join), so the rows of items mailed about long ago
 * are never read.
 */
#define LATE_SQL(table, key, state, queue) "SELECT x.id," \
	" TIMESTAMPDIFF(HOUR, x.created_at, UTC_TIMESTAMP()) AS hours" \
	" FROM " table " x FORCE INDEX (" key ")" \
	" LEFT JOIN admin_notices n" \
	" ON n.queue = '" queue "' AND n.item_id = x.id" \
	" WHERE x.status = '" state "'" \
	" AND x.created_at <= UTC_TIMESTAMP() - INTERVAL ? HOUR" \
	" AND n.item_id IS NULL ORDER BY x.id LIMIT 50"

enum queue_id { Q_DEPOSIT, Q_WITHDRAWAL, Q_DISPUTE, Q_MODERATION, Q_N };

/* A queue: its name in admin_notices and the mail, its items, its page. */
struct queue {
	const char *name;
	const char *sql;
	const char *path;	/* under site.base_url, the item's id after */
};

static const struct queue queues[Q_N] = {
	[Q_DEPOSIT] = { "deposit", LATE_SQL("deposits", "status", "pending",
	    "deposit"), "/admin/deposits#deposit-" },
	[Q_WITHDRAWAL] = { "withdrawal", LATE_SQL("withdrawals", "status",
	    "pending", "withdrawal"), "/admin/withdrawals#withdrawal-" },
	[Q_DISPUTE] = { "dispute", LATE_SQL("disputes", "status", "open",
	    "dispute"), "/admin/disputes#dispute-" },
	[Q_MODERATION] = { "moderation", LATE_SQL("campaigns", "board",
	    "pending", "moderation"), "/admin/campaigns#campaign-" }
};

/* One late item this run claimed. */
struct late {
	enum queue_id queue;
	int64_t id, hours;
};

/* A run: what its transaction body found and did. */
struct run {
	const struct kaaj_config *cfg;
	struct render_env env;
	int env_ready;		/* env was loaded (kept across retries) */
	struct late items[Q_N * LATE_MAX];
	size_t n;
	int64_t mails;
};

/* The configured hours of queue q; 0: no mail for it. */
static int
queue_hours(const struct kaaj_config *cfg, enum queue_id q)
{
	switch (q) {
	case Q_DEPOSIT:
		return cfg->notice_deposits_hours;
	case Q_WITHDRAWAL:
		return cfg->notice_withdrawals_hours;
	case Q_DISPUTE:
		return cfg->notice_disputes_hours;
	default:
		return cfg->notice_moderation_hours;
	}
}

/* Claim the late items of queue q into run->items. DB_OK or a failure. */
static int
claim_late(struct db *db, struct run *run, enum queue_id q, int hours)
{
	struct db_result r;
	uint64_t affected;
	size_t i;
	int rc = DB_OK;

	if ((rc = db_query(db, &r, queues[q].sql, "i", (int64_t)hours)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < r.nrows && rc == DB_OK; i++) {
		rc = db_exec(db, &affected, NULL, "INSERT IGNORE INTO"
		    " admin_notices (queue, item_id) VALUES (?, ?)", "si",
		    queues[q].name, db_cell_int(&r, i, 0));
		if (rc != DB_OK || affected != 1)
			continue;
		run->items[run->n].queue = q;
		run->items[run->n].id = db_cell_int(&r, i, 0);
		run->items[run->n].hours = db_cell_int(&r, i, 1);
		run->n++;
	}
	db_result_free(&r);
	return rc;
}

/* Put the run's items into hdf: Notice.N.Queue, .Id, .Hours, .Link. */
static void
set_items(const struct run *run, HDF *hdf)
{
	const struct late *it;
	char name[48];
	size_t i;

	for (i = 0; i < run->n; i++) {
		it = &run->items[i];
		snprintf(name, sizeof(name), "Notice.%zu.Queue", i);
		render_set(hdf, name, queues[it->queue].name);
		snprintf(name, sizeof(name), "Notice.%zu.Id", i);
		render_set_int(hdf, name, it->id);
		snprintf(name, sizeof(name), "Notice.%zu.Hours", i);
		render_set_int(hdf, name, it->hours);
		snprintf(name, sizeof(name), "Notice.%zu.Link", i);
		render_setf(hdf, name, "%s%s%lld", run->cfg->base_url,
		    queues[it->queue].path, (long long)it->id);
	}
}

/*
 * Render the run's mail for the admin username in lang and queue it for
 * address. DB_OK, or DB_ERROR after saying why on stderr.
 */
static int
mail_one(struct db *db, struct run *run, const char *username,
    const char *address, const char *lang)
{
	const struct kaaj_config *cfg = run->cfg;
	char err[512];
	struct buf body;
	HDF *hdf;
	int rc = DB_ERROR;

	if ((hdf = render_page_new(&run->env, lang)) == NULL)
		return DB_ERROR;
	buf_init(&body);
	render_plain_text(hdf);
	render_set(hdf, "Site.Name", cfg->site_name);
	render_set(hdf, "Site.Url", cfg->base_url);
	render_set(hdf, "Mail.Username", username);
	set_items(run, hdf);
	if (render_page(&run->env, hdf, "mail/admin_notice.cs", &body, err,
	    sizeof(err)) == -1)
		fprintf(stderr, "kaaj-admin: mail/admin_notice.cs: %s\n", err);
	else if (mail_queue_add(db, cfg, address, render_lang(hdf,
	    "Mail.admin_notice.Subject"), body.data, err, sizeof(err)) == -1)
		fprintf(stderr, "kaaj-admin: mail to admin %s: %s\n",
		    username, err);
	else
		rc = DB_OK;
	buf_free(&body);
	hdf_destroy(&hdf);
	return rc;
}

/* Queue the run's mail for every active admin. DB_OK or a failure. */
static int
mail_admins(struct db *db, struct run *run)
{
	struct db_result r;
	char err[512];
	size_t i;
	int rc = DB_OK;

	if (!run->env_ready) {
		if (render_env_init(&run->env, run->cfg->template_dir,
		    run->cfg->default_language, err, sizeof(err)) == -1) {
			fprintf(stderr, "kaaj-admin: %s\n", err);
			return DB_ERROR;
		}
		run->env_ready = 1;
	}
	if ((rc = db_query(db, &r, "SELECT username, email, language"
	    " FROM users WHERE is_admin = 1 AND status = 'active'"
	    " ORDER BY id", "")) != DB_OK)
		return rc;
	for (i = 0; i < r.nrows && rc == DB_OK; i++) {
		rc = mail_one(db, run, db_cell(&r, i, 0), db_cell(&r, i, 1),
		    db_cell(&r, i, 2));
		run->mails += rc == DB_OK;
	}
	db_result_free(&r);
	return rc;
}

/* The transaction body: claim every queue's late items, mail them. */
static int
notices_body(struct db *db, void *arg)
{
	struct run *run = arg;
	enum queue_id q;
	int hours, rc;

	run->n = 0;
	run->mails = 0;
	for (q = 0; q < Q_N; q++)
		if ((hours = queue_hours(run->cfg, q)) > 0 &&
		    (rc = claim_late(db, run, q, hours)) != DB_OK)
			return rc;
	return run->n == 0 ? DB_OK : mail_admins(db, run);
}

int
admin_notices_send(struct db *db, const struct kaaj_config *cfg,
    int64_t *items, int64_t *mails)
{
	struct run run;
	int rc;

	run.cfg = cfg;
	run.env_ready = 0;
	run.n = 0;
	run.mails = 0;
	rc = db_txn(db, notices_body, &run);
	if (run.env_ready)
		render_env_free(&run.env);
	*items = rc == DB_OK ? (int64_t)run.n : 0;
	*mails = rc == DB_OK ? run.mails : 0;
	if (rc != DB_OK)
		fprintf(stderr, "kaaj-admin: the admins' notices were not "
		    "sent: %s\n", db_error(db));
	return rc == DB_OK ? 0 : -1;
}
