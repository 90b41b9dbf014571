/*
 * What many pages share, in the manner of cgit's ui-shared.c: list rows
 * in the page data, query rows put there by column name, money shown as
 * text, posted ids, method labels and stored images. Declared in pages.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/money.h"
#include "base/upload.h"
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
	char name[96];

	snprintf(name, sizeof(name), "%s.%zu", list, i);
	return page_node(hdf, name);
}

void
page_fill(HDF *node, const struct db_result *r, size_t row)
{
	static const char money[] = ":money";
	const size_t suffix = sizeof(money) - 1;
	const char *value, *name;
	char base[64];
	size_t col, n;

	if (node == NULL || row >= r->nrows)
		return;
	for (col = 0; col < r->ncols; col++) {
		name = r->names[col];
		if (name[0] < 'A' || name[0] > 'Z' ||
		    (value = db_cell(r, row, col)) == NULL)
			continue;
		n = strlen(name);
		if (n <= suffix || strcmp(name + n - suffix, money) != 0) {
			render_set(node, name, value);
			continue;
		}
		snprintf(base, sizeof(base), "%.*s", (int)(n - suffix), name);
		page_set_money(node, base, db_cell_int(r, row, col));
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

int64_t
page_id(const char *text)
{
	size_t n;

	if (text == NULL || *text == '\0')
		return 0;
	n = strspn(text, "0123456789");
	if (n == 0 || n > 18 || text[n] != '\0' || text[0] == '0')
		return -1;
	return (int64_t)strtoll(text, NULL, 10);
}

const char *
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

void
page_fill_requests(HDF *hdf, const char *list, const struct db_result *r,
    size_t max, const struct kaaj_config *cfg, int payout)
{
	size_t i;
	HDF *row;

	for (i = 0; i < r->nrows && i < max; i++) {
		if ((row = page_row(hdf, list, i)) == NULL)
			continue;
		page_fill(row, r, i);
		render_set(row, "Method", page_method_label(cfg, payout,
		    db_value(r, i, "method")));
	}
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
