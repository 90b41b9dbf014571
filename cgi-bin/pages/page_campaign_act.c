/*
 * What an employer does on a campaign's page: pause, resume, add slots,
 * stop, rate submissions (many at once), pay a bonus, block or unblock a
 * worker. Each checks the form, calls the marketplace core (campaign.h,
 * task.h), which guards every change and its money, and goes back to the
 * campaign's page with a notice. Another user's campaign or task is "not
 * found".
 */
#include <stdio.h>
#include <string.h>

#include "market/campaign.h"
#include "storage/db.h"
#include "front/form.h"
#include "base/log.h"
#include "base/text.h"
#include "pages/pages.h"
#include "market/task.h"

#define SLOTS_MAX 100000	/* slots one form may add */
#define RATE_MAX 200		/* tasks one form may rate */

/* The fields of the campaign page's forms. */
static const struct form_field campaign_id = FORM_ID_FIELD("id");
static const struct form_field task_id = FORM_ID_FIELD("task");
static const struct form_field worker_id = FORM_ID_FIELD("worker");
enum { ADD_SLOTS, ADD_KEY, ADD_FIELDS };
static const struct form_field add_form[ADD_FIELDS] = {
	[ADD_SLOTS] = { "slots", FORM_COUNT, 1, 1, SLOTS_MAX, NULL, NULL },
	[ADD_KEY] = { "key", FORM_KEY, 1, 0, 0, NULL, NULL }
};
static const struct form_field rate_reason = {
	"reason", FORM_LINE, 0, 0, REASON_MAX, NULL, NULL
};
static const struct form_field bonus_amount = {
	"amount", FORM_MONEY, 1, 1, 0, NULL, NULL
};

/* Back to campaign id's page with Lang.Notice.NOTICE; returns 303. */
static int
back(struct ctx *c, int64_t id, const char *notice)
{
	return page_back(c, "/campaigns", id, notice);
}

/*
 * The posted id of form field f into *id, and into *campaign the campaign
 * that sql (one parameter, the id; columns "campaign" and "owner") finds
 * for it, when that campaign is the user's: 0, 400 for a bad id, 404 for
 * someone else's or none, 503.
 */
static int
owned(struct ctx *c, const struct form_field *f, const char *sql,
    int64_t *id, int64_t *campaign)
{
	struct form_value v;
	struct db_result r;
	int mine, rc;

	*id = *campaign = 0;
	if ((rc = form_read(c, f, 1, &v)) != 0)
		return rc;
	*id = v.num;
	if (db_query(c->app->db, &r, sql, "i", *id) != DB_OK)
		return ctx_db_error(c);
	mine = r.nrows == 1 &&
	    db_value_int(&r, 0, "owner") == c->session.user_id;
	*campaign = mine ? db_value_int(&r, 0, "campaign") : 0;
	db_result_free(&r);
	return mine ? 0 : 404;
}

/* The posted campaign (field "id") into *id when it is the user's. */
static int
own_campaign(struct ctx *c, int64_t *id)
{
	int64_t same;

	return owned(c, &campaign_id, "SELECT id AS campaign,"
	    " owner_id AS owner FROM campaigns WHERE id = ?", id, &same);
}

/*
 * Answer a campaign control's result mr: back with done (MARKET_OK, and
 * MARKET_DONE_BEFORE for a repeated click), or with "campaign_state" when
 * the campaign is past that, "money_short" when the balance is too low.
 */
static int
controlled(struct ctx *c, enum market_result mr, int64_t id,
    const char *done)
{
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "campaign %lld: %s by user %lld",
		    (long long)id, done, (long long)c->session.user_id);
		/* FALLTHROUGH */
	case MARKET_DONE_BEFORE:
		return back(c, id, done);
	case MARKET_WRONG_STATE:
		return back(c, id, "campaign_state");
	case MARKET_SHORT:
		return back(c, id, "money_short");
	case MARKET_NOT_ALLOWED:
	case MARKET_NOT_FOUND:
		return 404;
	default:
		return ctx_db_error(c);
	}
}

/*
 * A control without a form of its own: act on the posted campaign of
 * the user, back with done.
 */
static int
control(struct ctx *c, enum market_result (*act)(struct db *, int64_t,
    int64_t), const char *done)
{
	int64_t id;
	int rc;

	if ((rc = own_campaign(c, &id)) != 0)
		return rc;
	return controlled(c, act(c->app->db, id, c->session.user_id), id,
	    done);
}

int
page_campaign_pause(struct ctx *c)
{
	return control(c, campaign_pause, "campaign_paused");
}

int
page_campaign_resume(struct ctx *c)
{
	return control(c, campaign_resume, "campaign_resumed");
}

int
page_campaign_add(struct ctx *c)
{
	struct form_value v[ADD_FIELDS];
	int64_t id;
	int rc;

	if ((rc = own_campaign(c, &id)) != 0 ||
	    (rc = form_read(c, add_form, ADD_FIELDS, v)) != 0)
		return rc;
	if (!v[ADD_SLOTS].ok)
		return back(c, id, "slots_bad");
	if (!v[ADD_KEY].ok)
		return back(c, id, "form_stale");
	return controlled(c, campaign_add_slots(c->app->db, &c->app->cfg, id,
	    c->session.user_id, v[ADD_SLOTS].num, v[ADD_KEY].text), id,
	    "slots_added");
}

int
page_campaign_stop(struct ctx *c)
{
	return control(c, campaign_stop, "campaign_stopped");
}

int
page_campaign_rate(struct ctx *c)
{
	const char *rating = form_get(c, "rating"), *reason;
	const struct param_list *form = &c->req->form;
	struct form_value v;
	int64_t id, task, done = 0, skipped = 0, refused = 0, seen = 0;
	enum task_rating tr;
	enum market_result mr;
	char to[160];
	size_t i;
	int rc;

	if ((rc = own_campaign(c, &id)) != 0 ||
	    (rc = form_read(c, &rate_reason, 1, &v)) != 0)
		return rc;
	reason = v.text;
	if (task_rating_parse(rating, &tr) == -1)
		return back(c, id, "rating_bad");
	if (tr != TASK_SATISFIED && *reason == '\0')
		return back(c, id, "reason_needed");
	if (!v.ok)
		return back(c, id, "reason_long");
	/* Every "task" field, in the order sent; each task is rated alone. */
	for (i = 0; i < form->n; i++) {
		if (strcmp(form->items[i].name, "task") != 0)
			continue;
		if (++seen > RATE_MAX)
			break;
		if ((task = text_id(form->items[i].value)) <= 0) {
			skipped++;
			continue;
		}
		mr = task_rate(c->app->db, task, c->session.user_id, tr,
		    tr == TASK_SATISFIED ? NULL : reason,
		    c->app->cfg.reopen_rejected);
		switch (mr) {
		case MARKET_OK:
			done++;
			log_info(c->req->rid, "task %lld rated %s by user"
			    " %lld", (long long)task, rating,
			    (long long)c->session.user_id);
			break;
		case MARKET_DONE_BEFORE:
		case MARKET_WRONG_STATE:
		case MARKET_NOT_FOUND:
			skipped++;
			break;
		case MARKET_NOT_ALLOWED:	/* a second revise */
			refused++;
			break;
		default:
			return ctx_db_error(c);
		}
	}
	if (seen == 0)
		return back(c, id, "rate_none");
	snprintf(to, sizeof(to), "/campaigns/%lld?notice=tasks_rated"
	    "&rated=%lld&skipped=%lld&refused=%lld", (long long)id,
	    (long long)done, (long long)skipped, (long long)refused);
	return ctx_redirect(c, 303, to);
}

/*
 * The posted task (field "task") into *task and its campaign into
 * *campaign when that campaign is the user's: 0, 400, 404 or 503.
 */
static int
own_task(struct ctx *c, int64_t *task, int64_t *campaign)
{
	return owned(c, &task_id, "SELECT c.id AS campaign,"
	    " c.owner_id AS owner FROM tasks t JOIN campaigns c"
	    " ON c.id = t.campaign_id WHERE t.id = ?", task, campaign);
}

int
page_campaign_bonus(struct ctx *c)
{
	struct form_value v;
	enum market_result mr;
	int64_t task, id;
	int rc;

	if ((rc = own_task(c, &task, &id)) != 0 ||
	    (rc = form_read(c, &bonus_amount, 1, &v)) != 0)
		return rc;
	if (!v.ok)
		return back(c, id, "bonus_bad");
	mr = task_bonus(c->app->db, &c->app->cfg, task, c->session.user_id,
	    v.num);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "bonus on task %lld by user %lld",
		    (long long)task, (long long)c->session.user_id);
		return back(c, id, "bonus_paid");
	case MARKET_DONE_BEFORE:
		return back(c, id, "bonus_paid_before");
	case MARKET_NOT_ALLOWED:	/* too large, say */
		return back(c, id, "bonus_bad");
	default:
		return controlled(c, mr, id, "bonus_paid");
	}
}

/*
 * Block (block non-zero) or unblock the posted worker from the user's
 * campaigns, then back to the posted campaign.
 */
static int
block(struct ctx *c, int block)
{
	struct form_value v;
	enum market_result mr;
	int64_t id;
	int rc;

	if ((rc = own_campaign(c, &id)) != 0 ||
	    (rc = form_read(c, &worker_id, 1, &v)) != 0)
		return rc;
	mr = block ? worker_block(c->app->db, c->session.user_id, v.num) :
	    worker_unblock(c->app->db, c->session.user_id, v.num);
	switch (mr) {
	case MARKET_OK:
	case MARKET_DONE_BEFORE:
		return back(c, id, block ? "worker_blocked" :
		    "worker_unblocked");
	case MARKET_NOT_ALLOWED:
		return back(c, id, "block_self");
	case MARKET_NOT_FOUND:
		return 404;
	default:
		return ctx_db_error(c);
	}
}

int
page_campaign_block(struct ctx *c)
{
	return block(c, 1);
}

int
page_campaign_unblock(struct ctx *c)
{
	return block(c, 0);
}
