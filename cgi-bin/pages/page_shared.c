/*
 * What many pages share, in the manner of cgit's ui-shared.c: list rows
 * in the page data, query rows put there by column name, money shown as
 * text, method labels, stored images, and the checks and limits the
 * forms of several pages share. Declared in pages.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/field.h"
#include "base/log.h"
#include "base/money.h"
#include "base/plugin_text.h"
#include "base/text.h"
#include "base/timezone.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/session.h"
#include "base/upload.h"
#include "front/form.h"
#include "market/level.h"
#include "pages/pages.h"
#include "storage/db.h"

HDF *
page_node(HDF *hdf, const char *name)
{
	NEOERR *nerr;
	HDF *node;

	if ((nerr = hdf_get_node(hdf, name, &node)) != STATUS_OK) {
		nerr_ignore(&nerr);
		return NULL;
	}
	return node;
}

HDF *
page_row(HDF *hdf, const char *list, size_t i)
{
	char name[96], num[TEXT_INT_LEN];
	size_t n = strlen(list), k;

	/* LIST.I, built without printf: lists are filled a row at a time. */
	text_of_int((int64_t)i, num);
	k = strlen(num);
	if (n + 1 + k >= sizeof(name))
		return NULL;
	memcpy(name, list, n);
	name[n] = '.';
	memcpy(name + n + 1, num, k + 1);
	return page_node(hdf, name);
}

/*
 * The kind a column's name ends in (":money", ":time"), and the length
 * of the name without it; KIND_PLAIN for any other name.
 */
enum column_kind { KIND_PLAIN, KIND_MONEY, KIND_TIME };

static enum column_kind
column_kind(const char *name, size_t *base_len)
{
	static const struct {
		const char *suffix;
		enum column_kind kind;
	} kinds[] = { { ":money", KIND_MONEY }, { ":time", KIND_TIME } };
	size_t n = strlen(name), k, i;

	*base_len = n;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		k = strlen(kinds[i].suffix);
		if (n > k && strcmp(name + n - k, kinds[i].suffix) == 0) {
			*base_len = n - k;
			return kinds[i].kind;
		}
	}
	return KIND_PLAIN;
}

void
page_fill(HDF *node, const struct db_result *r, size_t row)
{
	const char *value, *name;
	char base[64], local[96];
	enum column_kind kind;
	size_t col, n;

	if (node == NULL || row >= r->nrows)
		return;
	for (col = 0; col < r->ncols; col++) {
		name = r->names[col];
		if (name[0] < 'A' || name[0] > 'Z' ||
		    (value = db_cell(r, row, col)) == NULL)
			continue;
		if ((kind = column_kind(name, &n)) == KIND_PLAIN) {
			render_set(node, name, value);
			continue;
		}
		if (n >= sizeof(base))
			continue;
		memcpy(base, name, n);
		base[n] = '\0';
		if (kind == KIND_MONEY)
			page_set_money(node, base, db_cell_int(r, row, col));
		else
			render_set(node, base, tz_local_time(value, local,
			    sizeof(local)) == 0 ? local : value);
	}
}

void
page_fill_list(HDF *hdf, const char *list, const struct db_result *r,
    size_t max)
{
	size_t i;

	for (i = 0; i < r->nrows && i < max; i++)
		page_fill(page_row(hdf, list, i), r, i);
}

void
page_set_money(HDF *node, const char *name, int64_t amount)
{
	char text[32];

	render_set(node, name, money_format(amount, text, sizeof(text)));
}

/*
 * What users see for a payout (payout non-zero) or deposit method: its
 * label, or name itself when the config no longer has it. Never NULL.
 */
static const char *
page_method_label(const struct kaaj_config *cfg, int payout, const char *name)
{
	const struct config_payout *p;
	const struct config_deposit *d;

	if (name == NULL)
		return "";
	if (payout)
		return (p = config_payout(cfg, name)) != NULL ? p->label : name;
	return (d = config_deposit(cfg, name)) != NULL ? d->label : name;
}


int
page_send_image(struct ctx *c, const char *folder, const char *name,
    const char *what)
{
	enum upload_type type;

	buf_reset(&c->res->body);
	if (upload_read(&c->app->cfg, folder, name, &c->res->body, &type) ==
	    -1 || upload_content_type(type) == NULL) {
		log_err(c->req->rid, "%s %lld cannot be read", what,
		    (long long)c->path_id);
		buf_reset(&c->res->body);
		return 404;
	}
	c->res->content_type = upload_content_type(type);
	response_header(c->res, "Content-Disposition", "inline");
	c->template = NULL;
	return 200;
}

void
page_plugin_error(struct ctx *c, const struct plugin *p, const char *field,
    const struct kaaj_error *err)
{
	char key[160];
	const char *text = "";

	if (err->code != NULL) {
		snprintf(key, sizeof(key), "JobType.%s.error.%s", p->name,
		    err->code);
		text = render_lang(c->hdf, key);
	}
	if (*text == '\0')
		text = err->message != NULL ? err->message : "";
	form_error_code(c, field, err->code != NULL ? err->code : "jobtype");
	form_error_text(c, field, text);
}

const struct kaaj_jobtype *
page_jobtype(struct ctx *c, const struct plugin *p)
{
	return plugin_texts(p, render_lang_index(&c->app->render, c->hdf));
}

const char *
page_field_value(struct ctx *c, const char *name, const struct kaaj_field *fd)
{
	form_keep(c, name);
	return fd->type == KAAJ_FIELD_INT ? form_get_number(c, name) :
	    form_get(c, name);
}

int
page_check_field(struct ctx *c, const char *name, const struct kaaj_field *fd,
    const char *v)
{
	enum field_fault fault = field_check(fd, v);
	char min[32], max[32];

	if (fault == FIELD_OK)
		return 0;
	snprintf(min, sizeof(min), "%lld", (long long)fd->min);
	if (fd->type == KAAJ_FIELD_INT)
		snprintf(max, sizeof(max), "%lld", (long long)fd->max);
	else
		snprintf(max, sizeof(max), "%zu", fd->max_len);
	form_error_args(c, name, field_fault_code(fault), min, max);
	return -1;
}

void
page_check_password(struct ctx *c, const char *field, const char *field2,
    const char *password, const char *again, const char *username,
    const char *email)
{
	const char *why;

	if ((why = password_problem(password, username, email)) != NULL)
		form_error(c, field, why);
	else if (strcmp(password, again) != 0)
		form_error(c, field2, "password_mismatch");
}

void
page_check_country(struct ctx *c, const char *field, const char *code)
{
	char key[32];

	snprintf(key, sizeof(key), "Country.%s", code);
	if (strlen(code) != 2 || *render_lang(c->hdf, key) == '\0')
		form_error(c, field, "country_missing");
}

int
page_rate_take(struct ctx *c, const char *bucket, int limit, int minutes)
{
	int wait = ratelimit_take(c->app->db, bucket, limit, minutes);

	if (wait < 0)
		return ctx_db_error(c);
	return wait > 0 ? ctx_too_many(c, wait) : 0;
}

void
page_account_bucket(char *out, size_t len, const char *prefix,
    const char *name)
{
	char *p;

	snprintf(out, len, "%s:%s", prefix, name);
	for (p = out + strlen(prefix); *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}


/*
 * Run sql with the parameters in ap and put its first max rows into
 * LIST.N as page_fill does; with payout 0 or 1, each gets Method, the
 * label of its "method" column (-1: no method). The rows the query gave,
 * or -1 on a database error.
 */
static int
query_rows(struct ctx *c, const char *list, size_t max, int payout,
    const char *sql, const char *types, va_list ap)
{
	struct db_result r;
	size_t i;
	HDF *row;
	int n;

	if (db_vquery(c->app->db, &r, sql, types, ap) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows && i < max; i++) {
		if ((row = page_row(c->hdf, list, i)) == NULL)
			continue;
		page_fill(row, &r, i);
		if (payout >= 0)
			render_set(row, "Method", page_method_label(
			    &c->app->cfg, payout, db_value(&r, i, "method")));
	}
	n = (int)r.nrows;
	db_result_free(&r);
	return n;
}

int
page_query_list(struct ctx *c, const char *list, const char *sql,
    const char *types, ...)
{
	va_list ap;
	int n;

	va_start(ap, types);
	n = query_rows(c, list, (size_t)-1, -1, sql, types, ap);
	va_end(ap);
	return n < 0 ? -1 : 0;
}

int
page_query_requests(struct ctx *c, const char *list, size_t max, int payout,
    const char *sql, const char *types, ...)
{
	va_list ap;
	int n;

	va_start(ap, types);
	n = query_rows(c, list, max, payout, sql, types, ap);
	va_end(ap);
	return n;
}

void
page_set_methods(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	size_t i;
	HDF *row;

	for (i = 0; i < cfg->n_deposits; i++) {
		if ((row = page_row(c->hdf, "DepositMethods", i)) == NULL)
			continue;
		render_set(row, "Name", cfg->deposits[i].name);
		render_set(row, "Label", cfg->deposits[i].label);
		render_set(row, "Instructions",
		    page_config_text(c, &cfg->deposits[i].instructions));
		page_set_money(row, "Min", cfg->deposits[i].min);
	}
	for (i = 0; i < cfg->n_payouts; i++) {
		if ((row = page_row(c->hdf, "PayoutMethods", i)) == NULL)
			continue;
		render_set(row, "Name", cfg->payouts[i].name);
		render_set(row, "Label", cfg->payouts[i].label);
		render_set(row, "Hint",
		    page_config_text(c, &cfg->payouts[i].account_hint));
		page_set_money(row, "Min", cfg->payouts[i].min);
		page_set_money(row, "Max", cfg->payouts[i].max);
	}
}

const char *
page_config_text(struct ctx *c, const struct config_text *t)
{
	return config_text_in(t, hdf_get_value(c->hdf, "Page.Lang", ""));
}

void
page_set_percent(HDF *hdf, const char *name, int64_t ppm)
{
	char pct[32];
	size_t n;

	/* ppm * 100 micro-units of a percent, shown without zeros. */
	money_format(ppm * 100, pct, sizeof(pct));
	n = strlen(pct);
	while (n > 0 && pct[n - 1] == '0')
		pct[--n] = '\0';
	if (n > 0 && pct[n - 1] == '.')
		pct[--n] = '\0';
	render_set(hdf, name, pct);
}

void
page_set_duration(HDF *hdf, const char *name, int64_t seconds)
{
	static const struct {
		int64_t seconds, up_to;	/* a unit, and its last count */
		const char *unit, *one;	/* Lang.Duration keys */
	} units[] = { { 60, 120, "minutes", "minute" },
	    { 3600, 48, "hours", "hour" },
	    { 86400, INT64_MAX, "days", "day" } };
	char key[128];
	int64_t n = 0;
	size_t i;

	if (seconds < 0)
		seconds = 0;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		n = (seconds + units[i].seconds / 2) / units[i].seconds;
		if (n <= units[i].up_to)
			break;
	}
	if (i == sizeof(units) / sizeof(units[0]))
		i--;
	if (n < 1)
		n = 1;
	snprintf(key, sizeof(key), "%s.Value", name);
	render_set_int(hdf, key, n);
	snprintf(key, sizeof(key), "%s.Unit", name);
	render_set(hdf, key, n == 1 ? units[i].one : units[i].unit);
}

int
page_back(struct ctx *c, const char *path, int64_t id, const char *notice)
{
	char to[128];

	snprintf(to, sizeof(to), "%s/%lld?notice=%s", path, (long long)id,
	    notice);
	return ctx_redirect(c, 303, to);
}

void
page_set_record(struct ctx *c, const char *name, int64_t satisfied,
    int64_t rejected, struct level_place *p)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	char key[64];

	level_place(cfg->levels, cfg->n_levels, satisfied, rejected, p);
	snprintf(key, sizeof(key), "%s.Satisfied", name);
	render_set_int(c->hdf, key, satisfied);
	snprintf(key, sizeof(key), "%s.Rated", name);
	render_set_int(c->hdf, key, satisfied + rejected);
	if (p->rate >= 0) {
		snprintf(key, sizeof(key), "%s.Rate", name);
		render_set_int(c->hdf, key, p->rate);
	}
	snprintf(key, sizeof(key), "%s.Level", name);
	render_set(c->hdf, key, cfg->levels[p->level].name);
}

void
page_set_form_key(struct ctx *c, const char *name, const char *field,
    int again)
{
	const char *key = form_get(c, field);
	char fresh[SESSION_TOKEN_LEN + 1];

	if (!again || !session_token_valid(key)) {
		session_random_token(fresh);
		key = fresh;
	}
	render_set(c->hdf, name, key);
}

void
page_set_proofs(struct ctx *c, const char *list, const char *job_type,
    const struct db_result *tasks, size_t max, const struct db_result *f)
{
	const struct plugin *p = plugin_find(&c->app->plugins, job_type);
	const struct kaaj_field *fd;
	size_t i, j, k, n, idx;
	char name[64];
	HDF *row;

	for (i = 0; i < tasks->nrows && i < max; i++) {
		if ((row = page_row(c->hdf, list, i)) == NULL)
			continue;
		n = 0;
		for (j = 0; j < f->nrows; j++) {
			if (strcmp(db_value(f, j, "task_id"),
			    db_value(tasks, i, "Id")) != 0)
				continue;
			fd = NULL;
			for (k = 0; p != NULL && k < p->jt->n_proof_fields; k++)
				if (strcmp(p->jt->proof_fields[k].name,
				    db_value(f, j, "name")) == 0)
					fd = &p->jt->proof_fields[k];
			/* Declared order; unknown names after the rest. */
			idx = fd != NULL ? (size_t)(fd - p->jt->proof_fields) :
			    (p != NULL ? p->jt->n_proof_fields : 0) + n++;
			snprintf(name, sizeof(name), "Proof.%zu.Label", idx);
			render_set(row, name, fd != NULL ? page_jobtype(c,
			    p)->proof_fields[idx].label :
			    db_value(f, j, "name"));
			snprintf(name, sizeof(name), "Proof.%zu.Value", idx);
			render_set(row, name, db_value(f, j, "value"));
		}
	}
}

const char *
page_query_kept(struct ctx *c, const char *name)
{
	const char *v = param_get(&c->req->query, name);

	v = v != NULL ? v : "";
	form_set(c, name, v);
	return v;
}

/*
 * s (NULL: "") without spaces at its ends into out of len bytes: 0, or -1
 * when it is longer (out holds as much as fits, at a character boundary).
 */
static int
trimmed(const char *s, char *out, size_t len)
{
	size_t n, fit;

	s = s != NULL ? s : "";
	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (fit = n < len ? n : len - 1; fit > 0 && fit < n &&
	    ((unsigned char)s[fit] & 0xc0) == 0x80; fit--)
		;
	snprintf(out, len, "%.*s", (int)fit, s);
	return fit == n ? 0 : -1;
}

int
page_query_box(struct ctx *c, const char *name, char *out, size_t len,
    size_t max_chars, const char *error)
{
	if (trimmed(param_get(&c->req->query, name), out, len) == -1 ||
	    text_chars(out) > max_chars || text_has_control(out, 0))
		form_error(c, name, error);
	form_set(c, name, out);
	return form_errors(c) > 0 ? -1 : 0;
}

int
page_name_known(const char *s, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}
