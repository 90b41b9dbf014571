/*
 * The admins' audit log (sql/0017_audit_log.sql, accounts/audit.h):
 * every admin action and audited kaaj-admin run, newest first,
 * AUDIT_PAGE rows a page with a keyset "older" link (?before=ID), and a
 * GET form filtering by actor name, action and target. Each filter has
 * its own key ending in id; the statement names the key of the filter
 * that leads (target, else actor, else action), as the board does, so a
 * page is one range of one index read backwards. A wrong filter is said
 * at its field, with what was typed kept, and lists nothing.
 */
#include <stdio.h>
#include <string.h>

#include "accounts/audit.h"
#include "base/text.h"
#include "front/form.h"
#include "front/params.h"
#include "pages/pages.h"
#include "storage/db.h"

#define AUDIT_PAGE 50

/* The actions and target kinds the log holds, for the filter's lists. */
static const char *const actions[] = {
	"deposit.confirm", "deposit.reject", "withdrawal.pay",
	"withdrawal.reject", "campaign.approve", "campaign.reject",
	"campaign.stop",
	"dispute.decide", "mail.retry", "user.ban", "user.unban",
	"user.credit", "user.create_admin", "schema.migrate", "demo.load",
	"uploads.sweep", "user.debit", "user.make_admin", "user.unmake_admin"
};
static const char *const kinds[] = {
	"deposit", "withdrawal", "campaign", "dispute", "mail", "user",
	"schema", "site"
};

#define AUDIT_SQL(key) "SELECT a.id AS Id, a.created_at AS `When:time`," \
	" a.actor_name AS Actor, a.actor_id AS ActorId, a.via AS Via," \
	" a.address AS Address, a.action AS Action, a.target_kind AS Kind," \
	" a.target_id AS Target, a.reason AS Reason, a.detail AS Detail" \
	" FROM audit_log a FORCE INDEX (" key ")" \
	" WHERE (? = '' OR a.actor_name = ?) AND (? = '' OR a.action = ?)" \
	" AND (? = '' OR a.target_kind = ?) AND (? = 0 OR a.target_id = ?)" \
	" AND a.id < ? ORDER BY a.id DESC LIMIT ?"

/* By the filter that leads: none, action, actor, target. */
static const char *const audit_sql[] = {
	AUDIT_SQL("PRIMARY"), AUDIT_SQL("action"), AUDIT_SQL("actor"),
	AUDIT_SQL("target")
};

/* The filters, as given in the query. */
struct audit_filter {
	const char *actor, *action, *kind;
	int64_t target, before;	/* 0: any target; INT64_MAX: the newest */
};

/*
 * Read the filters into *f, marking each wrong field. Returns 0, or 400
 * for a malformed "before" (a link no person typed).
 */
static int
filter_read(struct ctx *c, struct audit_filter *f)
{
	const char *target;

	f->actor = page_query_kept(c, "actor");
	f->action = page_query_kept(c, "action");
	f->kind = page_query_kept(c, "kind");
	target = page_query_kept(c, "target");
	if (text_chars(f->actor) > AUDIT_NAME_MAX)
		form_error(c, "actor", "audit_actor_long");
	if (f->action[0] != '\0' && !page_name_known(f->action, actions,
	    FORM_N(actions)))
		form_error(c, "action", "audit_action_bad");
	if (f->kind[0] != '\0' && !page_name_known(f->kind, kinds,
	    FORM_N(kinds)))
		form_error(c, "kind", "audit_kind_bad");
	if ((f->target = text_id(target)) == -1)
		form_error(c, "target", "audit_target_bad");
	else if (f->target > 0 && f->kind[0] == '\0')
		form_error(c, "kind", "audit_kind_missing");
	f->before = text_id(param_get(&c->req->query, "before"));
	if (f->before == -1)
		return 400;
	if (f->before == 0)
		f->before = INT64_MAX;
	return 0;
}

/* Put the filter lists' choices into the page: Audit.Actions, .Kinds. */
static void
set_choices(struct ctx *c)
{
	char key[48];
	size_t i;

	for (i = 0; i < FORM_N(actions); i++) {
		snprintf(key, sizeof(key), "Audit.Actions.%zu", i);
		render_set(c->hdf, key, actions[i]);
	}
	for (i = 0; i < FORM_N(kinds); i++) {
		snprintf(key, sizeof(key), "Audit.Kinds.%zu", i);
		render_set(c->hdf, key, kinds[i]);
	}
}

int
page_admin_audit(struct ctx *c)
{
	struct audit_filter f;
	struct db_result r;
	const char *sql;
	int rc;

	c->template = "admin_audit.cs";
	set_choices(c);
	if ((rc = filter_read(c, &f)) != 0) {
		c->template = NULL;
		c->error_detail = "bad_id";
		return rc;
	}
	if (form_errors(c) > 0)
		return 200;
	sql = audit_sql[f.kind[0] != '\0' ? 3 : f.actor[0] != '\0' ? 2 :
	    f.action[0] != '\0' ? 1 : 0];
	if (db_query(c->app->db, &r, sql, "ssssssiiii", f.actor, f.actor,
	    f.action, f.action, f.kind, f.kind, f.target, f.target, f.before,
	    (int64_t)AUDIT_PAGE + 1) != DB_OK)
		return ctx_db_error(c);
	page_fill_list(c->hdf, "Audit.Rows", &r, AUDIT_PAGE);
	if (r.nrows > AUDIT_PAGE)
		render_setf(c->hdf, "Audit.Older", "%s",
		    db_value(&r, AUDIT_PAGE - 1, "Id"));
	db_result_free(&r);
	return 200;
}
