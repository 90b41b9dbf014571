/*
 * A user's API keys (Settings, /settings/api; docs/api.md): make a key
 * with a name and scopes, see it once, see when each was last used,
 * revoke one. The keys themselves are accounts/api_keys.c; the same
 * page shows the webhooks (page_webhooks.c).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "accounts/api_keys.h"
#include "base/text.h"
#include "front/form.h"
#include "pages/pages.h"
#include "storage/db.h"

static const struct form_field key_fields[] = {
	{ "name", FORM_LINE, 1, 1, API_KEY_NAME_MAX, "api_key_name", NULL },
	{ "scope_read", FORM_FLAG, 0, 0, 1, NULL, NULL },
	{ "scope_post", FORM_FLAG, 0, 0, 1, NULL, NULL },
	{ "scope_rate", FORM_FLAG, 0, 0, 1, NULL, NULL },
	{ "scope_pay", FORM_FLAG, 0, 0, 1, NULL, NULL },
};

static const struct form_field revoke_fields[] = {
	FORM_ID_FIELD("key"),
};

/* Lang.ApiKeys.KEY with name ("{n}") replaced by value, as Api.KEY. */
static void
set_text(struct ctx *c, const char *key, const char *name,
    const char *value)
{
	char lang[64], text[1024];

	snprintf(lang, sizeof(lang), "ApiKeys.%s", key);
	snprintf(text, sizeof(text), "%s", render_lang(c->hdf, lang));
	text_subst(text, sizeof(text), name, value);
	snprintf(lang, sizeof(lang), "Api.%s", key);
	render_set(c->hdf, lang, text);
}

int
page_api_show(struct ctx *c, int status)
{
	char n[TEXT_INT_LEN];

	if (page_query_list(c, "Keys", "SELECT id AS Id, name AS Name,"
	    " FIND_IN_SET('read', scopes) > 0 AS `Scope.read`,"
	    " FIND_IN_SET('post', scopes) > 0 AS `Scope.post`,"
	    " FIND_IN_SET('rate', scopes) > 0 AS `Scope.rate`,"
	    " FIND_IN_SET('pay', scopes) > 0 AS `Scope.pay`,"
	    " created_at AS `Created:time`,"
	    " last_used_at AS `Used:time`, revoked_at AS `Revoked:time`"
	    " FROM api_keys WHERE user_id = ? ORDER BY id DESC LIMIT 50",
	    "i", c->session.user_id) == -1)
		return ctx_db_error(c);
	if (page_webhooks_fill(c) == -1)
		return ctx_db_error(c);
	set_text(c, "Intro", "{n}", text_of_int(c->app->cfg.api_per_minute,
	    n));
	c->template = "api_keys.cs";
	return status;
}

int
page_api_keys(struct ctx *c)
{
	/* A new form has "read" ticked: the scope most programs start with. */
	form_set(c, "scope_read", "1");
	return page_api_show(c, 200);
}

int
page_api_key_create(struct ctx *c)
{
	struct form_value v[FORM_N(key_fields)];
	char token[API_TOKEN_LEN + 1];
	unsigned int scopes = 0;
	int64_t id;
	int i, status;

	if ((status = form_read(c, key_fields, FORM_N(key_fields), v)) != 0)
		return status;
	for (i = 0; i < API_SCOPES; i++)
		if (v[1 + i].num == 1)
			scopes |= 1u << i;
	if (v[0].ok && scopes == 0)
		form_error(c, "scope_read", "api_key_scope_none");
	if (form_errors(c))
		return page_api_show(c, 422);
	switch (api_key_create(c->app->db, c->session.user_id, v[0].text,
	    scopes, token, &id)) {
	case API_KEY_OK:
		break;
	case API_KEY_TOO_MANY:
		form_error(c, "name", "api_key_too_many");
		return page_api_show(c, 422);
	default:
		return ctx_db_error(c);
	}
	/* Shown this once: only its hash is kept. */
	render_set(c->hdf, "Api.NewToken", token);
	set_text(c, "Shown", "{name}", v[0].text);
	sodium_memzero(token, sizeof(token));
	form_set(c, "name", "");
	form_set(c, "scope_read", "1");
	form_set(c, "scope_post", "");
	form_set(c, "scope_rate", "");
	form_set(c, "scope_pay", "");
	return page_api_show(c, 200);
}

int
page_api_key_revoke(struct ctx *c)
{
	struct form_value v[FORM_N(revoke_fields)];
	int status, rc;

	if ((status = form_read(c, revoke_fields, FORM_N(revoke_fields),
	    v)) != 0)
		return status;
	rc = api_key_revoke(c->app->db, c->session.user_id, v[0].num);
	if (rc == -1)
		return ctx_db_error(c);
	if (rc == 0) {
		c->error_detail = "api_key_gone";
		return 404;
	}
	return ctx_redirect(c, 303, "/settings/api?notice=api_key_revoked");
}
