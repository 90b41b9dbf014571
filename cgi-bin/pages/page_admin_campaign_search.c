/*
 * The admins' campaign search, the second tab of /admin/campaigns: by
 * id, the start of the title, the owner's username and the state, newest
 * first, SEARCH_PAGE rows a page with a keyset "older" link (?before=ID).
 * Each filter that can lead has an index (sql/0020_admin_campaigns.sql);
 * the statement names the key of the one that leads (id, else owner,
 * else title, else state), as the audit log does, so a page is one range
 * of one index. A wrong filter is said at its field, with what was typed
 * kept, and lists nothing.
 */
#include <stdio.h>
#include <string.h>

#include "accounts/validate.h"
#include "base/text.h"
#include "front/form.h"
#include "front/params.h"
#include "pages/pages.h"
#include "storage/db.h"

#define SEARCH_PAGE 50
#define TITLE_MAX 120		/* campaigns.title */

/* The states a campaign can be in, for the filter's list. */
static const char *const states[] = {
	"pending", "running", "paused", "stopped", "rejected", "finished"
};

#define SEARCH_SQL(key) "SELECT c.id AS Id, c.title AS Title," \
	" c.owner_id AS OwnerId, u.username AS Owner, c.status AS State," \
	" c.slots_done AS Done, c.slots_total AS Total," \
	" c.pay_per_task AS `Pay:money`, c.created_at AS `When:time`" \
	" FROM campaigns c FORCE INDEX (" key ")" \
	" JOIN users u ON u.id = c.owner_id" \
	" WHERE (? = 0 OR c.id = ?) AND (? = 0 OR c.owner_id = ?)" \
	" AND (? = '' OR c.title LIKE ? ESCAPE '!')" \
	" AND (? = '' OR c.status = ?)" \
	" AND c.id < ? ORDER BY c.id DESC LIMIT ?"

/* By the filter that leads: none or id, owner, title, state. */
static const char *const search_sql[] = {
	SEARCH_SQL("PRIMARY"), SEARCH_SQL("owner"), SEARCH_SQL("title"),
	SEARCH_SQL("board")
};

/* The filters, as given in the query. */
struct search {
	int64_t id, owner;	/* 0: any */
	const char *owner_name, *title, *state;
	char like[TITLE_MAX * 8 + 2];	/* title as a LIKE prefix */
	int64_t before;		/* INT64_MAX: the newest */
};

/* s as a LIKE pattern of the texts it starts, '!' escaping into out. */
static void
like_prefix(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s != '\0' && n + 3 < len; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			out[n++] = '!';
		out[n++] = *s;
	}
	out[n++] = '%';
	out[n] = '\0';
}

/* The owner's id by f->owner_name into f->owner; 0, or -1. */
static int
owner_find(struct ctx *c, struct search *f)
{
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT id FROM users"
	    " WHERE username = ?", "s", f->owner_name) != DB_OK)
		return -1;
	if (r.nrows == 1)
		f->owner = db_cell_int(&r, 0, 0);
	else
		form_error(c, "owner", "campaign_owner_unknown");
	db_result_free(&r);
	return 0;
}

/*
 * Read the filters into *f, marking each wrong field. Returns 0, 400 for
 * a malformed "before" (a link no person typed), or 503.
 */
static int
filter_read(struct ctx *c, struct search *f)
{
	const char *id;

	id = page_query_kept(c, "id");
	f->title = page_query_kept(c, "title");
	f->owner_name = page_query_kept(c, "owner");
	f->state = page_query_kept(c, "state");
	f->owner = 0;
	if ((f->id = text_id(id)) == -1)
		form_error(c, "id", "campaign_id_bad");
	if (text_chars(f->title) > TITLE_MAX)
		form_error(c, "title", "campaign_title_long");
	like_prefix(f->title, f->like, sizeof(f->like));
	if (text_chars(f->owner_name) > USERNAME_MAX)
		form_error(c, "owner", "campaign_owner_unknown");
	else if (f->owner_name[0] != '\0' && owner_find(c, f) == -1)
		return ctx_db_error(c);
	if (f->state[0] != '\0' && !page_name_known(f->state, states,
	    FORM_N(states)))
		form_error(c, "state", "campaign_state_bad");
	f->before = text_id(param_get(&c->req->query, "before"));
	if (f->before == -1) {
		c->error_detail = "bad_id";
		return 400;
	}
	if (f->before == 0)
		f->before = INT64_MAX;
	return 0;
}

int
page_admin_campaign_search(struct ctx *c)
{
	struct search f;
	struct db_result r;
	const char *sql;
	char key[48];
	size_t i;
	int rc;

	c->template = "admin_campaigns.cs";
	render_set(c->hdf, "Search.Shown", "1");
	for (i = 0; i < FORM_N(states); i++) {
		snprintf(key, sizeof(key), "Search.States.%zu", i);
		render_set(c->hdf, key, states[i]);
	}
	if ((rc = filter_read(c, &f)) != 0) {
		c->template = NULL;
		return rc;
	}
	if (form_errors(c) > 0)
		return 200;
	sql = search_sql[f.id > 0 ? 0 : f.owner > 0 ? 1 : f.title[0] != '\0' ?
	    2 : f.state[0] != '\0' ? 3 : 0];
	if (db_query(c->app->db, &r, sql, "iiiissssii", f.id, f.id, f.owner,
	    f.owner, f.title, f.like, f.state, f.state, f.before,
	    (int64_t)SEARCH_PAGE + 1) != DB_OK)
		return ctx_db_error(c);
	page_fill_list(c->hdf, "Search.Rows", &r, SEARCH_PAGE);
	if (r.nrows > SEARCH_PAGE)
		render_setf(c->hdf, "Search.Older", "%s",
		    db_value(&r, SEARCH_PAGE - 1, "Id"));
	db_result_free(&r);
	return 200;
}
