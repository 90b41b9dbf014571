/*
 * The admins' queue of disputes: open ones oldest first, the latest
 * decided, and deciding one (dispute_decide pays an overturned task
 * once).
 */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "front/form.h"
#include "market/dispute.h"
#include "pages/pages.h"
#include "storage/db.h"

#define DISPUTE_LIST 100	/* open disputes shown, oldest first */
#define DECIDED_LIST 20		/* decided disputes shown, newest first */
#define NOTE_MAX 500		/* disputes.note */

/* An admin's decision on a dispute. */
enum { DECIDE_ID, DECIDE_DECISION, DECIDE_NOTE, DECIDE_FIELDS };
static const struct form_field decide_form[DECIDE_FIELDS] = {
	[DECIDE_ID] = FORM_ID_FIELD("id"),
	[DECIDE_DECISION] = { "decision", FORM_LINE, 1, 0, 0, NULL, NULL },
	[DECIDE_NOTE] = { "note", FORM_LINE, 0, 0, NOTE_MAX, NULL, NULL }
};


/* A dispute as the admins' queue shows it. */
#define DISPUTE_COLS "SELECT d.id AS Id, d.task_id AS Task," \
	" d.message AS Message, d.created_at AS `When:time`, t.reason AS Reason," \
	" w.username AS Worker, c.id AS CampaignId, c.title AS Title," \
	" c.pay_per_task AS `Pay:money`, o.username AS Employer," \
	" d.status AS State, d.note AS Note, d.decided_at AS `Decided:time`" \
	" FROM disputes d JOIN tasks t ON t.id = d.task_id" \
	" JOIN users w ON w.id = t.worker_id" \
	" JOIN campaigns c ON c.id = t.campaign_id" \
	" JOIN users o ON o.id = c.owner_id"

int
page_admin_disputes(struct ctx *c)
{
	if (page_query_list(c, "Open", DISPUTE_COLS " WHERE d.status = 'open'"
	    " ORDER BY d.id LIMIT ?", "i", (int64_t)DISPUTE_LIST) != 0)
		return ctx_db_error(c);
	if (page_query_list(c, "Decided", DISPUTE_COLS
	    " WHERE d.status <> 'open'"
	    " ORDER BY d.decided_at DESC, d.id DESC LIMIT ?", "i",
	    (int64_t)DECIDED_LIST) != 0)
		return ctx_db_error(c);
	c->template = "admin_disputes.cs";
	return 200;
}

int
page_admin_dispute_decide(struct ctx *c)
{
	struct form_value v[DECIDE_FIELDS];
	const char *decision, *note, *notice;
	enum market_result mr;
	int64_t id;
	int overturn, rc;
	char to[96];

	if ((rc = form_read(c, decide_form, DECIDE_FIELDS, v)) != 0)
		return rc;
	id = v[DECIDE_ID].num;
	decision = v[DECIDE_DECISION].text;
	note = v[DECIDE_NOTE].text;
	overturn = strcmp(decision, "overturn") == 0;
	/* Buttons and a length the page itself sets: not a person's typing. */
	if ((!overturn && strcmp(decision, "uphold") != 0) ||
	    !v[DECIDE_NOTE].ok) {
		c->error_detail = "bad_id";
		return 400;
	}
	mr = dispute_decide(c->app->db, id, c->session.user_id, overturn,
	    *note != '\0' ? note : NULL);
	switch (mr) {
	case MARKET_OK:
		log_info(c->req->rid, "dispute %lld %s by admin %lld",
		    (long long)id, overturn ? "overturned" : "upheld",
		    (long long)c->session.user_id);
		notice = overturn ? "dispute_overturned" : "dispute_upheld";
		break;
	case MARKET_DONE_BEFORE:
	case MARKET_WRONG_STATE:
		notice = "dispute_decided_before";
		break;
	case MARKET_SHORT:
		notice = "dispute_short";
		break;
	case MARKET_NOT_FOUND:
		c->error_detail = "no_request";
		return 404;
	default:
		return ctx_db_error(c);
	}
	snprintf(to, sizeof(to), "/admin/disputes?notice=%s", notice);
	return ctx_redirect(c, 303, to);
}
