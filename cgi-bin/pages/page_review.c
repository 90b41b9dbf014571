/*
 * A worker's review of the employer of a rated task (market/review.h):
 * the form on the task page and its handler.
 */
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "market/review.h"
#include "pages/pages.h"

enum { REV_TASK, REV_PAY, REV_CLARITY, REV_SPEED, REV_FIELDS };
static const struct form_field review_form[REV_FIELDS] = {
	[REV_TASK] = FORM_ID_FIELD("task"),
	[REV_PAY] = { "pay", FORM_COUNT, 1, REVIEW_MIN, REVIEW_MAX, "mark",
	    NULL },
	[REV_CLARITY] = { "clarity", FORM_COUNT, 1, REVIEW_MIN, REVIEW_MAX,
	    "mark", NULL },
	[REV_SPEED] = { "speed", FORM_COUNT, 1, REVIEW_MIN, REVIEW_MAX,
	    "mark", NULL }
};

int
page_review_set(struct ctx *c, int64_t task)
{
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT pay AS Pay,"
	    " clarity AS Clarity, speed AS Speed FROM employer_reviews"
	    " WHERE task_id = ?", "i", task) != DB_OK)
		return -1;
	if (r.nrows == 1)
		page_fill(page_node(c->hdf, "Review"), &r, 0);
	else
		render_set(c->hdf, "Review.Open", "1");
	db_result_free(&r);
	return 0;
}

int
page_task_review(struct ctx *c)
{
	struct form_value v[REV_FIELDS];
	struct review_marks m;
	enum market_result mr;
	int64_t id;
	int st;

	if ((st = form_read(c, review_form, REV_FIELDS, v)) != 0)
		return st;
	id = v[REV_TASK].num;
	if (form_errors(c) > 0)
		return page_task_show(c, id, "review");
	m.pay = (int)v[REV_PAY].num;
	m.clarity = (int)v[REV_CLARITY].num;
	m.speed = (int)v[REV_SPEED].num;
	mr = review_employer(c->app->db, id, c->session.user_id, &m);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "task %lld: employer reviewed",
		    (long long)id);
		return page_back(c, "/tasks", id, "review_sent");
	case MARKET_DONE_BEFORE:
		return page_back(c, "/tasks", id, "review_done");
	case MARKET_WRONG_STATE:
		return page_back(c, "/tasks", id, "review_not_yet");
	case MARKET_NOT_FOUND:
	case MARKET_NOT_ALLOWED:
		c->error_detail = "no_task";
		return 404;
	default:
		return ctx_db_error(c);
	}
}
