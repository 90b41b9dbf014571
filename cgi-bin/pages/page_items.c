/*
 * One item per slot on the pages: the worker's instructions with their
 * row filled in, and the employer's results file (each item's cells with
 * the task that holds it: worker, state, proof, rating), streamed a
 * chunk of items at a time in row order (keyset paging on the items'
 * primary key), never held whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/money.h"
#include "front/http.h"
#include "market/items.h"
#include "pages/pages.h"
#include "storage/db.h"

#define RESULTS_CHUNK 500	/* items read at once */
#define COLUMNS_MAX 100		/* items.max_columns' largest value */

int
page_item_instructions(HDF *node, const char *instructions,
    const char *columns, const char *cells)
{
	struct buf out;
	int rc;

	if (node == NULL || columns == NULL || cells == NULL)
		return 0;
	buf_init(&out);
	rc = items_fill(&out, instructions, columns, cells);
	if (rc == 0)
		render_set(node, "Instructions", out.data);
	buf_free(&out);
	return rc;
}

/* A results file being written: what the stream needs. */
struct results {
	struct db *db;
	int64_t campaign;
	const struct kaaj_jobtype *jt;	/* NULL: its job type is gone */
	char *columns_json;
	size_t ncols;			/* the items' columns */
	struct buf out;
};

/* The header line: row, the columns, the task's facts, its proof. */
static int
results_head(struct results *rs)
{
	char *names[COLUMNS_MAX], *store;
	long n, i;
	size_t k;
	int rc;

	if ((n = items_json_strings(rs->columns_json, names, COLUMNS_MAX,
	    &store)) < 0)
		return -1;
	rs->ncols = (size_t)n;
	rc = buf_puts(&rs->out, "row");
	for (i = 0; i < n; i++) {
		rc |= buf_puts(&rs->out, ",");
		rc |= csv_put_text(&rs->out, names[i]);
	}
	free(store);
	rc |= buf_puts(&rs->out, ",task,worker,state,submitted,rated,reason,"
	    "bonus,screenshot");
	for (k = 0; rs->jt != NULL && k < rs->jt->n_proof_fields; k++) {
		if (rs->jt->proof_fields[k].type == KAAJ_FIELD_SCREENSHOT)
			continue;
		rc |= buf_puts(&rs->out, ",");
		rc |= csv_put_text(&rs->out, rs->jt->proof_fields[k].name);
	}
	rc |= buf_puts(&rs->out, "\r\n");
	return rc == 0 ? 0 : -1;
}

/* The proof value named name of item row_no in f, from *at on, or "". */
static const char *
proof_value(const struct db_result *f, size_t *at, int64_t row_no,
    const char *name)
{
	size_t i;

	while (*at < f->nrows && db_cell_int(f, *at, 0) < row_no)
		(*at)++;
	for (i = *at; i < f->nrows && db_cell_int(f, i, 0) == row_no; i++)
		if (strcmp(db_cell(f, i, 1), name) == 0)
			return db_cell(f, i, 2);
	return "";
}

/* Append item i of r (with its proof in f from *at) as one line. */
static int
results_line(struct results *rs, const struct db_result *r, size_t i,
    const struct db_result *f, size_t *at)
{
	char *cells[COLUMNS_MAX], *store, money[32];
	const char *v;
	long n, j;
	size_t k;
	int rc;

	if ((n = items_json_strings(db_cell(r, i, 1), cells, COLUMNS_MAX,
	    &store)) < 0 || (size_t)n != rs->ncols) {
		if (n >= 0)
			free(store);
		return -1;
	}
	rc = buf_puts(&rs->out, db_cell(r, i, 0));
	for (j = 0; j < n; j++) {
		rc |= buf_puts(&rs->out, ",");
		rc |= csv_put_text(&rs->out, cells[j]);
	}
	free(store);
	/* task, worker, state, submitted, rated, reason: "" when free. */
	for (j = 2; j <= 7; j++) {
		v = db_cell(r, i, (size_t)j);
		rc |= buf_puts(&rs->out, ",");
		rc |= csv_put_text(&rs->out, v != NULL ? v : "");
	}
	rc |= buf_printf(&rs->out, ",%s,%s", db_cell(r, i, 2) == NULL ? "" :
	    money_format(db_cell_int(r, i, 8), money, sizeof(money)),
	    db_cell(r, i, 2) == NULL ? "" : db_cell_int(r, i, 9) ? "yes" :
	    "no");
	for (k = 0; rs->jt != NULL && k < rs->jt->n_proof_fields; k++) {
		if (rs->jt->proof_fields[k].type == KAAJ_FIELD_SCREENSHOT)
			continue;
		rc |= buf_puts(&rs->out, ",");
		rc |= csv_put_text(&rs->out, proof_value(f, at,
		    db_cell_int(r, i, 0), rs->jt->proof_fields[k].name));
	}
	rc |= buf_puts(&rs->out, "\r\n");
	return rc == 0 ? 0 : -1;
}

/*
 * One chunk: the items after row last with the task holding each (one
 * query), and those tasks' proof fields (one more, by the same range).
 * *n gets how many items; *last the last one's row.
 */
static int
results_chunk(struct results *rs, int64_t *last, size_t *n)
{
	struct db_result r, f;
	size_t i, at = 0;
	int64_t upto;
	int rc = 0;

	*n = 0;
	if (db_query(rs->db, &r, "SELECT i.row_no, i.cells, t.id, u.username,"
	    " t.status, t.submitted_at, t.rated_at, t.reason, t.bonus,"
	    " t.screenshot IS NOT NULL"
	    " FROM campaign_items i LEFT JOIN tasks t ON t.id = i.task_id"
	    " LEFT JOIN users u ON u.id = t.worker_id"
	    " WHERE i.campaign_id = ? AND i.row_no > ?"
	    " ORDER BY i.row_no LIMIT ?", "iii", rs->campaign, *last,
	    (int64_t)RESULTS_CHUNK) != DB_OK)
		return -1;
	if (r.nrows == 0) {
		db_result_free(&r);
		return 0;
	}
	upto = db_cell_int(&r, r.nrows - 1, 0);
	if (db_query(rs->db, &f, "SELECT i.row_no, p.name, p.value"
	    " FROM campaign_items i JOIN task_fields p ON p.task_id = i.task_id"
	    " WHERE i.campaign_id = ? AND i.row_no > ? AND i.row_no <= ?"
	    " ORDER BY i.row_no", "iii", rs->campaign, *last, upto) != DB_OK) {
		db_result_free(&r);
		return -1;
	}
	for (i = 0; i < r.nrows && rc == 0; i++)
		rc = results_line(rs, &r, i, &f, &at);
	*n = r.nrows;
	*last = upto;
	db_result_free(&f);
	db_result_free(&r);
	return rc;
}

/* The stream (http.h): the head, then each chunk as it is read. */
static int
results_stream(const struct http_io *io, void *arg)
{
	struct results *rs = arg;
	int64_t last = 0;
	size_t n;
	int rc;

	rc = results_head(rs);
	do {
		if (rc == 0)
			rc = results_chunk(rs, &last, &n);
		if (rc == 0 && rs->out.len > 0)
			rc = http_put(io, rs->out.data, rs->out.len);
		buf_reset(&rs->out);
	} while (rc == 0 && n == RESULTS_CHUNK);
	buf_free(&rs->out);
	free(rs->columns_json);
	free(rs);
	return rc;
}

int
page_campaign_results(struct ctx *c)
{
	const struct plugin *p;
	struct results *rs;
	struct db_result r;
	char name[64];

	if (db_query(c->app->db, &r, "SELECT owner_id, job_type, item_columns"
	    " FROM campaigns WHERE id = ?", "i", c->path_id) != DB_OK)
		return ctx_db_error(c);
	/* Another's campaign, or one without items: nothing to see. */
	if (r.nrows != 1 || db_cell_int(&r, 0, 0) != c->session.user_id ||
	    db_cell(&r, 0, 2) == NULL) {
		db_result_free(&r);
		c->error_detail = "no_results";
		return 404;
	}
	if ((rs = calloc(1, sizeof(*rs))) == NULL ||
	    (rs->columns_json = strdup(db_cell(&r, 0, 2))) == NULL) {
		free(rs);
		db_result_free(&r);
		return 500;
	}
	p = plugin_find(&c->app->plugins, db_cell(&r, 0, 1));
	db_result_free(&r);
	rs->db = c->app->db;
	rs->campaign = c->path_id;
	rs->jt = p != NULL ? p->jt : NULL;
	buf_init(&rs->out);
	/* The stream frees rs; a HEAD request never runs it. */
	if (strcmp(c->req->method, "HEAD") == 0) {
		free(rs->columns_json);
		free(rs);
	} else {
		c->res->stream = results_stream;
		c->res->stream_arg = rs;
	}
	c->res->content_type = "text/csv; charset=utf-8";
	snprintf(name, sizeof(name),
	    "attachment; filename=\"campaign-%lld-results.csv\"",
	    (long long)c->path_id);
	response_header(c->res, "Content-Disposition", name);
	c->template = NULL;
	return 200;
}
