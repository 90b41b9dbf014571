/*
 * What the API's handlers share (api_out.h).
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/money.h"
#include "base/text.h"
#include "front/params.h"
#include "pages/api_out.h"

/* A column's kind, from the end of its alias. */
enum api_kind { API_TEXT, API_MONEY, API_INT, API_BOOL, API_TIME };

/* The kind of column name, and in *len the length of its plain name. */
static enum api_kind
column_kind(const char *name, size_t *len)
{
	static const struct {
		const char *suffix;
		enum api_kind kind;
	} kinds[] = {
		{ ":money", API_MONEY }, { ":int", API_INT },
		{ ":bool", API_BOOL }, { ":time", API_TIME }
	};
	const char *colon = strchr(name, ':');
	size_t i;

	*len = colon != NULL ? (size_t)(colon - name) : strlen(name);
	for (i = 0; colon != NULL && i < sizeof(kinds) / sizeof(kinds[0]);
	    i++)
		if (strcmp(colon, kinds[i].suffix) == 0)
			return kinds[i].kind;
	return API_TEXT;
}

/* Append a MariaDB DATETIME (UTC) v as "YYYY-MM-DDTHH:MM:SSZ". */
static void
put_time(struct buf *b, const char *v)
{
	char t[32];

	if (strlen(v) < 19) {
		json_string(b, v);
		return;
	}
	snprintf(t, sizeof(t), "%.10sT%.8sZ", v, v + 11);
	json_string(b, t);
}

void
api_row(struct buf *b, const struct db_result *r, size_t i, int close)
{
	char name[64];
	const char *v;
	enum api_kind kind;
	size_t col, len;

	buf_puts(b, "{");
	for (col = 0; col < r->ncols; col++) {
		kind = column_kind(r->names[col], &len);
		snprintf(name, sizeof(name), "%.*s", (int)len, r->names[col]);
		if (col > 0)
			buf_puts(b, ",");
		json_name(b, name);
		if ((v = db_cell(r, i, col)) == NULL) {
			buf_puts(b, "null");
			continue;
		}
		switch (kind) {
		case API_MONEY:
			json_money(b, db_cell_int(r, i, col));
			break;
		case API_INT:
			buf_printf(b, "%lld", (long long)db_cell_int(r, i,
			    col));
			break;
		case API_BOOL:
			buf_puts(b, db_cell_int(r, i, col) != 0 ? "true" :
			    "false");
			break;
		case API_TIME:
			put_time(b, v);
			break;
		default:
			json_string(b, v);
		}
	}
	if (close)
		buf_puts(b, "}");
}

void
api_next(struct buf *b, const struct db_result *r, size_t limit)
{
	buf_puts(b, ",");
	json_name(b, "next");
	if (r->nrows > limit && limit > 0)
		buf_printf(b, "%lld", (long long)db_value_int(r, limit - 1,
		    "id:int"));
	else
		buf_puts(b, "null");
	buf_puts(b, "}\n");
}

int
api_fail(struct ctx *c, int status, const char *code, const char *field)
{
	c->error_detail = code;
	c->error_field = field;
	return status;
}

/* The query's whole number name into *v (def when absent): 0 or -1. */
static int
query_number(struct ctx *c, const char *name, int64_t def, int64_t min,
    int64_t max, int64_t *v)
{
	const char *s = param_get(&c->req->query, name);
	long long n;
	char end;

	*v = def;
	if (s == NULL || s[0] == '\0')
		return 0;
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 18 ||
	    sscanf(s, "%lld%c", &n, &end) != 1 || n < min || n > max)
		return -1;
	*v = n;
	return 0;
}

int
api_paging(struct ctx *c, int64_t *after, int64_t *limit, int64_t def,
    int64_t max)
{
	if (query_number(c, "after", 0, 0, INT64_MAX, after) == -1)
		return api_fail(c, 422, "after_bad", "after");
	if (query_number(c, "limit", def, 1, max, limit) == -1)
		return api_fail(c, 422, "limit_bad", "limit");
	return 0;
}

int
api_idempotency_key(struct ctx *c, const char **key)
{
	const char *k = c->idempotency_key;
	size_t n = k != NULL ? strlen(k) : 0;

	*key = k;
	if (n == 0)
		return api_fail(c, 400, "idempotency_key_missing", NULL);
	if (n > API_KEY_MAX || strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._:-") != n)
		return api_fail(c, 400, "idempotency_key_bad", NULL);
	return 0;
}
