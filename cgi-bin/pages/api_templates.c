/*
 * The API's campaign templates (docs/api.md, market/templates.h): list
 * them, save a campaign as one, delete one. Starting a campaign from one
 * is api_template_start (api_campaigns.c), the same path as a create.
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "front/api.h"
#include "market/templates.h"
#include "pages/api_out.h"
#include "pages/campaign_template.h"
#include "pages/pages.h"

#define TEMPLATE_COLUMNS \
	"id AS `id:int`, name, job_type AS type," \
	" created_at AS `created_at:time`"

/* Append rows of r as templates, each with its saved fields (column 4). */
static void
put_templates(struct buf *b, const struct db_result *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		buf_puts(b, i > 0 ? "," : "");
		api_row(b, r, i, 0);
		/* Written by kaaj (templates.c): a JSON object as it is. */
		buf_printf(b, ",\"fields\":%s}", db_cell(r, i, 4));
	}
}

int
api_templates(struct ctx *c)
{
	struct buf *b = &c->res->body;
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT " TEMPLATE_COLUMNS ", fields"
	    " FROM campaign_templates WHERE owner_id = ? ORDER BY name", "i",
	    c->session.user_id) != DB_OK)
		return ctx_db_error(c);
	api_json(c);
	buf_puts(b, "{\"templates\":[");
	put_templates(b, &r);
	buf_puts(b, "]}\n");
	db_result_free(&r);
	return 200;
}

int
api_template_save(struct ctx *c)
{
	struct buf *b = &c->res->body;
	struct db_result r;
	int64_t tid;

	switch (cform_save_template(c, c->path_id, &tid)) {
	case MARKET_OK:
		break;
	case MARKET_NOT_ALLOWED:
		return 422;
	case MARKET_TAKEN:
		return api_fail(c, 409, "template_name_taken", "name");
	case MARKET_FULL:
		return api_fail(c, 409, "templates_full", NULL);
	case MARKET_NOT_FOUND:
		return api_fail(c, 404, "no_campaign", NULL);
	default:
		return ctx_db_error(c);
	}
	if (db_query(c->app->db, &r, "SELECT " TEMPLATE_COLUMNS ", fields"
	    " FROM campaign_templates WHERE id = ?", "i", tid) != DB_OK)
		return ctx_db_error(c);
	api_json(c);
	put_templates(b, &r);
	buf_puts(b, "\n");
	db_result_free(&r);
	return 201;
}

int
api_template_delete(struct ctx *c)
{
	struct buf *b = &c->res->body;

	switch (template_delete(c->app->db, c->session.user_id, c->path_id)) {
	case MARKET_OK:
		api_json(c);
		buf_puts(b, "{");
		json_member_int(b, "id", c->path_id);
		buf_puts(b, ",\"deleted\":true}\n");
		return 200;
	case MARKET_NOT_FOUND:
		return api_fail(c, 404, "no_template", NULL);
	default:
		return ctx_db_error(c);
	}
}
