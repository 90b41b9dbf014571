/*
 * GET /admin/fraud: what may be fraud, for the admins to look at
 * (market/fraud.h): accounts sharing an address, users sharing a payout
 * account, proof another worker sent first, proof sent too soon after the
 * claim, employers approving a worker seen on their own address, and
 * referrals between accounts seen on one address. Each row links to the
 * users (/admin/users/ID) and campaigns (/admin/campaigns/ID) involved.
 *
 * Without ?section, every section's newest FRAUD_PEEK rows, with a "more"
 * link when it has more; with ?section=NAME, that section alone,
 * FRAUD_PAGE rows a page with a keyset "older" link (?before=ID). One
 * statement a section, each a range of one key read backwards.
 * GET /admin/flags, the older page of the own-account approvals, shows
 * that section.
 */
#include <stdint.h>
#include <stdio.h>

#include "base/text.h"
#include "front/params.h"
#include "market/fraud.h"
#include "pages/pages.h"
#include "storage/db.h"

#define FRAUD_PEEK 10	/* rows of each section on the overview */
#define FRAUD_PAGE 50	/* rows of a section's own page */

/*
 * Fraud.Sections.N: the section s's Name and its Rows, at most max of
 * the rows older than before; More (the id to page on) when it has more.
 * Returns 0, or -1 on a database error.
 */
static int
show_section(struct ctx *c, size_t n, enum fraud_section s, int64_t before,
    size_t max)
{
	struct db_result r;
	char list[48];
	HDF *node;

	if (fraud_list(c->app->db, s, before, max + 1, &r) == -1)
		return -1;
	if ((node = page_row(c->hdf, "Fraud.Sections", n)) != NULL) {
		render_set(node, "Name", fraud_section_name(s));
		snprintf(list, sizeof(list), "Fraud.Sections.%zu.Rows", n);
		page_fill_list(c->hdf, list, &r, max);
		if (r.nrows > max)
			render_set(node, "More", db_value(&r, max - 1, "Id"));
	}
	db_result_free(&r);
	return 0;
}

/* One section's page: s, FRAUD_PAGE rows older than the query's before. */
static int
show_one(struct ctx *c, enum fraud_section s)
{
	int64_t before = text_id(param_get(&c->req->query, "before"));

	if (before == -1) {
		c->error_detail = "bad_id";
		return 400;
	}
	render_set(c->hdf, "Fraud.Section", fraud_section_name(s));
	if (show_section(c, 0, s, before == 0 ? INT64_MAX : before,
	    FRAUD_PAGE) == -1)
		return ctx_db_error(c);
	c->template = "admin_fraud.cs";
	return 200;
}

int
page_admin_fraud(struct ctx *c)
{
	const char *name = param_get(&c->req->query, "section");
	enum fraud_section s;
	int i;

	if (name != NULL) {
		if ((s = fraud_section_find(name)) == FRAUD_SECTIONS)
			return 404;
		return show_one(c, s);
	}
	for (i = 0; i < FRAUD_SECTIONS; i++)
		if (show_section(c, (size_t)i, (enum fraud_section)i,
		    INT64_MAX, FRAUD_PEEK) == -1)
			return ctx_db_error(c);
	c->template = "admin_fraud.cs";
	return 200;
}

int
page_admin_flags(struct ctx *c)
{
	return show_one(c, FRAUD_OWN);
}
