/*
 * Repeatable campaigns on the pages (market/templates.h): save a
 * campaign's form as a template from its page, list the templates on the
 * new-campaign page, start a new campaign's form from one, delete one.
 */
#include <stdio.h>
#include <string.h>

#include "front/form.h"
#include "front/params.h"
#include "market/templates.h"
#include "pages/campaign_form.h"
#include "pages/campaign_template.h"
#include "pages/pages.h"
#include "storage/db.h"

static const struct form_field template_id = FORM_ID_FIELD("id");

int
page_campaign_template(struct ctx *c)
{
	struct form_value v;
	int64_t tid;
	int rc;

	if ((rc = form_read(c, &template_id, 1, &v)) != 0)
		return rc;
	switch (cform_save_template(c, v.num, &tid)) {
	case MARKET_OK:
		return page_back(c, "/campaigns", v.num, "template_saved");
	case MARKET_NOT_ALLOWED:
		return page_back(c, "/campaigns", v.num, "template_name_bad");
	case MARKET_TAKEN:
		return page_back(c, "/campaigns", v.num,
		    "template_name_taken");
	case MARKET_FULL:
		return page_back(c, "/campaigns", v.num, "templates_full");
	case MARKET_NOT_FOUND:
		return 404;
	default:
		return ctx_db_error(c);
	}
}

int
page_template_delete(struct ctx *c)
{
	struct form_value v;
	int rc;

	if ((rc = form_read(c, &template_id, 1, &v)) != 0)
		return rc;
	switch (template_delete(c->app->db, c->session.user_id, v.num)) {
	case MARKET_OK:
		return ctx_redirect(c, 303,
		    "/campaigns/new?notice=template_deleted");
	case MARKET_NOT_FOUND:
		c->error_detail = "no_template";
		return 404;
	default:
		return ctx_db_error(c);
	}
}

int
page_templates_list(struct ctx *c)
{
	const struct plugin *p;
	HDF *row;

	if (page_query_list(c, "Templates", "SELECT id AS Id,"
	    " name AS Name, job_type AS Type, created_at AS `When:time`"
	    " FROM campaign_templates WHERE owner_id = ? ORDER BY name",
	    "i", c->session.user_id) == -1)
		return -1;
	/* Each job type by its label in the page's language, when loaded. */
	row = hdf_get_obj(c->hdf, "Templates");
	for (row = row != NULL ? hdf_obj_child(row) : NULL; row != NULL;
	    row = hdf_obj_next(row))
		if ((p = cform_plugin(c, hdf_get_value(row, "Type", ""))) !=
		    NULL)
			render_set(row, "TypeLabel", page_jobtype(c, p)->label);
	return 0;
}

int
page_template_form(struct ctx *c, int64_t tid, const struct plugin **p)
{
	struct cform f;
	int rc;

	*p = NULL;
	if ((rc = cform_from_template(c, tid)) != 0)
		return rc;
	if ((*p = cform_plugin(c, form_get(c, "type"))) == NULL) {
		c->error_detail = "no_jobtype";
		return 404;
	}
	/* The saved values kept for the form; what no longer holds marked. */
	cform_read(c, *p, &f);
	cform_free(&f);
	return 0;
}
