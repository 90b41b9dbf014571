/*
 * The campaign form's file of one item per slot (campaign_items.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "front/form.h"
#include "market/items.h"
#include "pages/campaign_items.h"
#include "pages/pages.h"

#define PREVIEW_ROWS 5		/* items the preview shows */

/*
 * Set the posted value of name (present in the form) to value, as if
 * the browser had sent it. 0, or -1 when it is not there or out of
 * memory.
 */
static int
posted_set(struct ctx *c, const char *name, const char *value)
{
	struct param_list *l = &c->req->form;
	char *copy;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].name, name) != 0)
			continue;
		if ((copy = strdup(value)) == NULL)
			return -1;
		free(l->items[i].value);
		l->items[i].value = copy;
		l->items[i].value_len = strlen(copy);
		return 0;
	}
	return -1;
}

/* Mark "items" with Lang.Form.Error.KEY, {row}, {column}, {max} filled. */
static void
items_error(struct ctx *c, const char *key, size_t row, size_t column,
    size_t max)
{
	char text[1024], name[64], num[3][TEXT_INT_LEN];

	snprintf(name, sizeof(name), "Form.Error.%s", key);
	snprintf(text, sizeof(text), "%s", render_lang(c->hdf, name));
	text_subst(text, sizeof(text), "{row}", text_of_uint(row, num[0]));
	text_subst(text, sizeof(text), "{column}",
	    text_of_uint(column, num[1]));
	text_subst(text, sizeof(text), "{max}", text_of_uint(max, num[2]));
	form_error_text(c, "items", text);
}

/* The limit a refusal of kind error names. */
static size_t
limit_of(const struct kaaj_config *cfg, enum csv_error error)
{
	switch (error) {
	case CSV_TOO_MANY_ROWS:
		return (size_t)cfg->items_max_rows;
	case CSV_TOO_MANY_COLUMNS:
		return (size_t)cfg->items_max_columns;
	case CSV_CELL_TOO_LONG:
		return (size_t)cfg->items_max_cell;
	case CSV_BAD_NAME:
		return CSV_NAME_MAX;
	default:
		return 0;
	}
}

/*
 * The largest file: items.max_bytes, and small enough that the preview
 * can carry it back as one form field with its line ends made CRLF.
 */
static int
size_ok(const struct kaaj_config *cfg, const char *data, size_t len)
{
	size_t lines = 0, i;

	for (i = 0; i < len; i++)
		lines += data[i] == '\n';
	return len <= cfg->items_max_bytes &&
	    len + lines <= cfg->max_field_length;
}

int
cform_items_read(struct ctx *c, struct csv_table *t)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	const struct upload *u = upload_get(&c->req->files, "items");
	const struct csv_limits lim = { (size_t)cfg->items_max_rows,
	    (size_t)cfg->items_max_columns, (size_t)cfg->items_max_cell };
	char rows[TEXT_INT_LEN];
	const char *data;
	struct csv_fail f;
	char *copy;
	size_t len;

	memset(t, 0, sizeof(*t));
	/* A file chosen, even an empty one; else the carried text. */
	if (u != NULL) {
		data = u->data;
		len = u->len;
	} else if ((data = param_get(&c->req->form, "items_csv")) != NULL &&
	    *data != '\0')
		len = strlen(data);
	else
		return 0;
	if (!size_ok(cfg, data, len)) {
		items_error(c, "items_too_large", 0, 0, cfg->items_max_bytes <
		    cfg->max_field_length / 2 ? cfg->items_max_bytes :
		    cfg->max_field_length / 2);
		return -1;
	}
	if (csv_parse(data, len, &lim, t, &f) == -1) {
		items_error(c, csv_error_key(f.error), f.row, f.column,
		    limit_of(cfg, f.error));
		return -1;
	}
	/* Kept as text for the next step: the file is sent only once. */
	if ((copy = strndup(data, len)) != NULL)
		render_set(c->hdf, "Form.items_csv", copy);
	free(copy);
	render_setf(c->hdf, "Form.items_rows", "%zu", t->nrows);
	posted_set(c, "slots", text_of_uint(t->nrows, rows));
	return 1;
}

void
cform_items_check(struct ctx *c, const struct csv_table *t,
    const char *instructions)
{
	char bad[CSV_NAME_MAX + 1], text[1024];

	if (items_placeholders_check(instructions, t != NULL ?
	    (const char *const *)t->cells : NULL, t != NULL ? t->ncols : 0,
	    bad, sizeof(bad)) == 0)
		return;
	snprintf(text, sizeof(text), "%s", render_lang(c->hdf,
	    t != NULL ? "Form.Error.items_placeholder_unknown" :
	    "Form.Error.items_placeholder_no_file"));
	text_subst(text, sizeof(text), "{name}", bad);
	form_error_text(c, "instructions", text);
}

void
cform_items_preview(struct ctx *c, const struct csv_table *t)
{
	size_t i, j;
	HDF *row;
	char name[32];

	render_setf(c->hdf, "Preview.Items.Count", "%zu", t->nrows);
	for (j = 0; j < t->ncols; j++) {
		snprintf(name, sizeof(name), "%zu", j);
		if ((row = page_node(c->hdf, "Preview.Items.Columns")) != NULL)
			render_set(row, name, csv_cell(t, -1, j));
	}
	for (i = 0; i < t->nrows && i < PREVIEW_ROWS; i++) {
		if ((row = page_row(c->hdf, "Preview.Items.Rows", i)) == NULL)
			continue;
		render_setf(row, "No", "%zu", i + 1);
		for (j = 0; j < t->ncols; j++) {
			snprintf(name, sizeof(name), "Cells.%zu", j);
			render_set(row, name, csv_cell(t, (long)i, j));
		}
	}
}
