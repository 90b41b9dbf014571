/*
 * Starting a campaign from a template (campaign_template.h).
 */
#include <stdlib.h>
#include <string.h>

#include "front/form.h"
#include "front/params.h"
#include "market/templates.h"
#include "pages/campaign_template.h"
#include "pages/pages.h"

int
cform_from_template(struct ctx *c, int64_t tid)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	struct param_limits lim = { cfg->max_fields, cfg->max_field_length,
	    cfg->max_files, cfg->max_cookies };
	struct param_list saved = { NULL, 0, 0 };
	struct param_json_error err;
	char type[64], *fields;
	enum parse_result pr;
	int rc = 0;

	switch (template_get(c->app->db, c->session.user_id, tid, type,
	    sizeof(type), &fields)) {
	case MARKET_OK:
		break;
	case MARKET_NOT_FOUND:
		c->error_detail = "no_template";
		return 404;
	default:
		return ctx_db_error(c);
	}
	pr = parse_json_object(fields, strlen(fields), &lim, &saved, &err);
	free(fields);
	/* Saved by kaaj itself: it parses, unless the limits shrank. */
	if (pr != PARSE_OK || param_list_merge(&c->req->form, &saved) !=
	    PARSE_OK) {
		param_list_free(&saved);
		return ctx_db_error(c);
	}
	if (param_get(&c->req->form, "type") == NULL &&
	    param_add(&c->req->form, "type", type) != PARSE_OK)
		rc = ctx_db_error(c);
	param_list_free(&saved);
	return rc;
}

enum market_result
cform_save_template(struct ctx *c, int64_t id, int64_t *tid)
{
	static const struct form_field name = {
		"name", FORM_LINE, 1, 1, TEMPLATE_NAME_MAX, "template_name",
		NULL
	};
	struct form_value v;

	*tid = 0;
	if (form_read(c, &name, 1, &v) != 0 || !v.ok)
		return MARKET_NOT_ALLOWED;
	return template_save(c->app->db, c->session.user_id, id, v.text, tid);
}
