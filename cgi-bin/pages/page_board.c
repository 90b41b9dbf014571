/*
 * The job board (the home page) and a job's own page.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/plugin_text.h"
#include "market/campaign.h"
#include "storage/db.h"
#include "pages/job_fields.h"
#include "pages/pages.h"

/* A campaign as the board shows it (home.cs reads no other column). */
#define BOARD_COLS "c.id AS Id, c.title AS Title," \
	" c.pay_per_task AS `Pay:money`, c.slots_total AS SlotsTotal," \
	" c.slots_done AS SlotsDone, c.minutes_to_finish AS Minutes," \
	" o.rated_satisfied, o.rated_rejected"
/* ... and as a job's page shows it, with its employer's record. */
#define JOB_COLS BOARD_COLS ", c.job_type AS JobType," \
	" c.category AS Category, c.slots_taken AS SlotsTaken," \
	" o.reviews, o.review_pay_sum, o.review_clarity_sum," \
	" o.review_speed_sum, o.rated_timed, o.rate_seconds"

/*
 * Put row i of r (columns as in BOARD_COLS) under node, with the
 * employer's approval rate once they rated anything.
 */
static void
set_campaign(HDF *node, const struct db_result *r, size_t i)
{
	int64_t good, bad;

	if (node == NULL)
		return;
	page_fill(node, r, i);
	good = db_value_int(r, i, "rated_satisfied");
	bad = db_value_int(r, i, "rated_rejected");
	if (good + bad > 0)
		render_set_int(node, "Approval", good * 100 / (good + bad));
}

/* Set name to sum / n with one decimal ("4.2"); n > 0. */
static void
set_average(HDF *node, const char *name, int64_t sum, int64_t n)
{
	int64_t tenths = (sum * 10 + n / 2) / n;

	render_setf(node, name, "%lld.%lld", (long long)(tenths / 10),
	    (long long)(tenths % 10));
}

/*
 * The employer's record on a job's page (row 0 of r, JOB_COLS): the
 * workers' average marks once anyone reviewed them, and how long their
 * ratings take on average.
 */
static void
set_trust(HDF *node, const struct db_result *r)
{
	int64_t n = db_value_int(r, 0, "reviews"),
	    timed = db_value_int(r, 0, "rated_timed");

	if (n > 0) {
		render_set_int(node, "Reviews", n);
		set_average(node, "ReviewPay", db_value_int(r, 0,
		    "review_pay_sum"), n);
		set_average(node, "ReviewClarity", db_value_int(r, 0,
		    "review_clarity_sum"), n);
		set_average(node, "ReviewSpeed", db_value_int(r, 0,
		    "review_speed_sum"), n);
	}
	if (timed > 0)
		page_set_duration(node, "RateTime",
		    db_value_int(r, 0, "rate_seconds") / timed);
}

/*
 * Open campaigns, filtered. One statement text for each viewer (visitor
 * or worker), order (date or pay) and index, each prepared once. Every
 * other choice is a parameter whose "off" value the planner folds away
 * ('' for no category or type, the largest id and pay for the first
 * page). The index is named, because for ORDER BY ... LIMIT MariaDB
 * otherwise reads the index from its top by status alone and skips the
 * keyset's range (page 50 then reads 1,000 entries instead of 21):
 * board, board_cat or board_type by date, the same with _pay by pay
 * (sql/0006). A job type belongs to one category, so a type filter
 * needs no category index.
 *
 * A worker's board leaves out what they may not take, in the same
 * statement: the viewer's own row (me, read once by primary key) gives
 * the country and success rate; a task of theirs or an employer's block
 * is an anti-join through a unique key, one index lookup per campaign
 * looked at (the blocks' primary key is named: through its worker_id
 * index the join would be buffered, and the LIMIT lost); their own
 * campaigns, other countries and a success rate below the campaign's
 * minimum are row filters.
 */
#define BOARD_OPEN \
	" c.status = 'running' AND c.slots_taken < c.slots_total" \
	" AND " CAMPAIGN_RELEASED("c") \
	" AND (? = '' OR c.category = ?) AND (? = '' OR c.job_type = ?)"
#define BOARD_VISITOR(index) \
	"SELECT " BOARD_COLS " FROM campaigns c FORCE INDEX (" index ")" \
	" JOIN users o ON o.id = c.owner_id WHERE" BOARD_OPEN
#define BOARD_WORKER(index) \
	"SELECT " BOARD_COLS " FROM users me" \
	" JOIN campaigns c FORCE INDEX (" index ")" \
	" JOIN users o ON o.id = c.owner_id" \
	" LEFT JOIN tasks t ON t.campaign_id = c.id AND t.worker_id = me.id" \
	" LEFT JOIN worker_blocks b FORCE INDEX (PRIMARY)" \
	"  ON b.employer_id = c.owner_id AND b.worker_id = me.id" \
	" WHERE me.id = ? AND" BOARD_OPEN \
	" AND t.id IS NULL AND b.worker_id IS NULL AND c.owner_id <> me.id" \
	" AND (c.countries_mode = 'all'" \
	"  OR (c.countries_mode = 'include'" \
	"   AND FIND_IN_SET(me.country, c.countries))" \
	"  OR (c.countries_mode = 'exclude'" \
	"   AND NOT FIND_IN_SET(me.country, c.countries)))" \
	" AND c.min_success <= IF(me.tasks_satisfied + me.tasks_rejected = 0," \
	"  100, me.tasks_satisfied * 100" \
	"  DIV (me.tasks_satisfied + me.tasks_rejected))"
/* Keyset pages: after (id) by date; after (pay, id) by pay. */
#define BOARD_BY_DATE " AND c.id < ? ORDER BY c.id DESC LIMIT ?"
#define BOARD_BY_PAY \
	" AND c.pay_per_task <= ? AND (c.pay_per_task < ? OR c.id < ?)" \
	" ORDER BY c.pay_per_task DESC, c.id DESC LIMIT ?"

/* The texts by [worker][by pay][filter: none, category, job type]. */
#define BOARD_TEXTS(from) { \
	{ from("board") BOARD_BY_DATE, from("board_cat") BOARD_BY_DATE, \
	  from("board_type") BOARD_BY_DATE }, \
	{ from("board_pay") BOARD_BY_PAY, from("board_cat_pay") BOARD_BY_PAY, \
	  from("board_type_pay") BOARD_BY_PAY } }
static const char *const board_sql[2][2][3] = {
	BOARD_TEXTS(BOARD_VISITOR), BOARD_TEXTS(BOARD_WORKER)
};

/* The board's filters, as given in the query and checked. */
struct board_filter {
	const char *category, *type;
	int by_pay, paged;
	int64_t before_id, before_pay;	/* INT64_MAX: the first page */
};

/* Run the board query for f and viewer (0: a visitor) into r. */
static int
board_query(struct ctx *c, const struct board_filter *f, int64_t viewer,
    int64_t limit, struct db_result *r)
{
	struct db *db = c->app->db;
	const char *cat = f->category, *type = f->type, *sql;
	int64_t id = f->before_id, pay = f->before_pay;

	sql = board_sql[viewer != 0][f->by_pay][type[0] != '\0' ? 2 :
	    cat[0] != '\0' ? 1 : 0];
	if (viewer == 0 && !f->by_pay)
		return db_query(db, r, sql, "ssssii", cat, cat, type, type, id,
		    limit);
	if (viewer == 0)
		return db_query(db, r, sql, "ssssiiii", cat, cat, type, type,
		    pay, pay, id, limit);
	if (!f->by_pay)
		return db_query(db, r, sql, "issssii", viewer, cat, cat, type,
		    type, id, limit);
	return db_query(db, r, sql, "issssiiii", viewer, cat, cat, type, type,
	    pay, pay, id, limit);
}

/* Read and check the filters; 0, or 400 when one is malformed. */
static int
board_filter_read(struct ctx *c, struct board_filter *f)
{
	const struct plugin_set *ps = &c->app->plugins;
	const char *sort = param_get(&c->req->query, "sort");
	size_t i;
	int known;

	memset(f, 0, sizeof(*f));
	f->category = param_get(&c->req->query, "category");
	f->type = param_get(&c->req->query, "type");
	if (f->category == NULL)
		f->category = "";
	if (f->type == NULL)
		f->type = "";
	/* Only names of loaded job types and their categories. */
	for (known = f->category[0] == '\0', i = 0; i < ps->n; i++)
		if (strcmp(ps->items[i].jt->category, f->category) == 0)
			known = 1;
	if (!known)
		return 400;
	if (f->type[0] != '\0' && plugin_find(ps, f->type) == NULL)
		return 400;
	f->by_pay = sort != NULL && strcmp(sort, "pay") == 0;
	if (sort != NULL && !f->by_pay && strcmp(sort, "new") != 0)
		return 400;
	if ((f->before_id = text_id(param_get(&c->req->query, "before"))) ==
	    -1)
		return 400;
	f->before_pay = text_id(param_get(&c->req->query, "pay"));
	if (f->before_pay == -1 || (f->by_pay && f->before_id > 0 &&
	    f->before_pay == 0))
		return 400;
	f->paged = f->before_id > 0;
	if (!f->paged)
		f->before_id = f->before_pay = INT64_MAX;
	else if (!f->by_pay)
		f->before_pay = INT64_MAX;
	return 0;
}

void
page_board_share(struct app *app)
{
	const struct plugin_set *ps = &app->plugins;
	const struct kaaj_jobtype *jt;
	char name[64];
	size_t i, j, k, ncat = 0;

	render_unshare(&app->render, "Board");
	for (i = 0; i < ps->n; i++) {
		jt = ps->items[i].jt;
		snprintf(name, sizeof(name), "Board.Types.%zu.Name", i);
		render_share(&app->render, name, jt->name);
		snprintf(name, sizeof(name), "Board.Types.%zu.Label", i);
		for (k = 0; k < app->render.nlangs; k++)
			render_share_in(&app->render, k, name,
			    plugin_texts(&ps->items[i], k)->label);
		for (j = 0; j < i; j++)
			if (strcmp(ps->items[j].jt->category, jt->category) == 0)
				break;
		if (j < i)
			continue;
		snprintf(name, sizeof(name), "Board.Categories.%zu", ncat++);
		render_share(&app->render, name, jt->category);
	}
}

/* Which of the filter choices (page_board_share) this board shows. */
static void
board_choices(struct ctx *c, const struct board_filter *f)
{
	render_set(c->hdf, "Board.Category", f->category);
	render_set(c->hdf, "Board.Type", f->type);
	render_set(c->hdf, "Board.Sort", f->by_pay ? "pay" : "new");
}

int
page_home(struct ctx *c)
{
	int64_t limit = c->app->cfg.board_page_size;
	struct board_filter f;
	struct db_result r;
	size_t i, shown;

	if (board_filter_read(c, &f) != 0) {
		c->error_detail = "bad_page";
		return 400;
	}
	if (board_query(c, &f, c->session.user_id, limit + 1, &r) != DB_OK)
		return ctx_db_error(c);
	shown = r.nrows > (size_t)limit ? (size_t)limit : r.nrows;
	for (i = 0; i < shown; i++)
		set_campaign(page_row(c->hdf, "Jobs", i), &r, i);
	render_set_int(c->hdf, "Board.Count", (int64_t)shown);
	/* Keyset pagination: the next page starts after the last row. */
	if (r.nrows > (size_t)limit) {
		render_set(c->hdf, "Board.Next", db_value(&r, shown - 1, "Id"));
		render_set(c->hdf, "Board.NextPay",
		    db_value(&r, shown - 1, "Pay:money"));
	}
	if (f.paged)
		render_set(c->hdf, "Board.Paged", "1");
	db_result_free(&r);
	board_choices(c, &f);
	c->template = "home.cs";
	return 200;
}

/*
 * The claim button of job page campaign for the viewer: Job.CanClaim, or
 * Job.Why (a campaign_may_take reason, or "full" when full is non-zero)
 * and Job.MyTask. Nothing for visitors. 0, or -1 on a database error.
 */
static int
job_claim(struct ctx *c, int64_t campaign, int full)
{
	enum market_result mr;
	struct db_result r;
	const char *why = NULL;

	if (c->session.user_id == 0)
		return 0;
	mr = campaign_may_take(c->app->db, campaign, c->session.user_id, NULL,
	    &why);
	if (mr == MARKET_DB_ERROR)
		return -1;
	if (mr == MARKET_OK && full)
		why = "full";
	if (mr == MARKET_OK && !full) {
		render_set(c->hdf, "Job.CanClaim", "1");
		return 0;
	}
	render_set(c->hdf, "Job.Why", why != NULL ? why : "state");
	if (mr != MARKET_TAKEN)
		return 0;
	/* A task of the viewer exists: link to it. */
	if (db_query(c->app->db, &r, "SELECT id AS MyTask FROM tasks"
	    " WHERE campaign_id = ? AND worker_id = ?", "ii", campaign,
	    c->session.user_id) != DB_OK)
		return -1;
	if (r.nrows == 1)
		page_fill(page_node(c->hdf, "Job"), &r, 0);
	db_result_free(&r);
	return 0;
}

int
page_job(struct ctx *c)
{
	struct job_fields f;
	struct db_result r;
	const struct kaaj_jobtype *jt;
	const struct plugin *p;
	int full;

	if (db_query(c->app->db, &r, "SELECT " JOB_COLS ","
	    " c.instructions AS Instructions,"
	    " c.proof_instructions AS ProofInstructions,"
	    " c.days_to_rate AS DaysToRate, c.status AS Status,"
	    " c.item_columns IS NOT NULL AS HasItems, o.username AS Owner"
	    " FROM campaigns c JOIN users o ON o.id = c.owner_id"
	    " WHERE c.id = ? AND c.status IN ('running', 'paused', 'finished')",
	    "i", c->path_id) != DB_OK)
		return ctx_db_error(c);
	if (r.nrows == 0) {
		db_result_free(&r);
		c->error_detail = "no_job";
		return 404;
	}
	set_campaign(page_node(c->hdf, "Job"), &r, 0);
	set_trust(page_node(c->hdf, "Job.Trust"), &r);
	p = plugin_find(&c->app->plugins, db_value(&r, 0, "JobType"));
	full = db_value_int(&r, 0, "SlotsTaken") >=
	    db_value_int(&r, 0, "SlotsTotal");
	db_result_free(&r);
	/* The claim button, or why the viewer cannot take it. */
	if (job_claim(c, c->path_id, full) == -1)
		return ctx_db_error(c);
	jt = p != NULL ? page_jobtype(c, p) : NULL;
	if (jt != NULL)
		render_set(c->hdf, "Job.TypeLabel", jt->label);
	/* The job type's own fields, as the task page shows them too. */
	if (job_fields_load(c, p, c->path_id, &f) == -1) {
		job_fields_free(&f);
		return ctx_db_error(c);
	}
	job_fields_show(c, p, &f);
	job_fields_free(&f);
	c->template = "job.cs";
	return 200;
}
