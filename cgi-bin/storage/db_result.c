/*
 * Results: the rows of an executed statement fetched whole as text into
 * one allocation, and reading their cells by position or column name.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "storage/db_int.h"

/*
 * Smallest bound buffer: room for any integer or floating-point number as
 * text. It matters because Connector/C writes a FLOAT or DOUBLE in fewer
 * digits to fit a small buffer without reporting truncation. Longer values
 * (strings, whose length the server reports) are fetched again.
 */
#define CELL_MIN	64
#define NO_CELL		((size_t)-1)

/* One result column while fetching. */
struct column {
	char *buf;		/* bound buffer (NULL for a whole number) */
	long long whole;	/* a whole number's value, bound as it is */
	unsigned long len;	/* the cell's whole length */
	my_bool is_null;
	my_bool truncated;
};

/*
 * Non-zero for a column of whole numbers, which is fetched as a number
 * and written as text here: cheaper than Connector/C's conversion, and
 * the same text ("%lld", or "%llu" when unsigned; not ZEROFILL columns).
 */
static int
is_whole(const MYSQL_FIELD *f)
{
	switch (f->type) {
	case MYSQL_TYPE_TINY:
	case MYSQL_TYPE_SHORT:
	case MYSQL_TYPE_INT24:
	case MYSQL_TYPE_LONG:
	case MYSQL_TYPE_LONGLONG:
		return (f->flags & ZEROFILL_FLAG) == 0;
	default:
		return 0;
	}
}

/* Copy the column names into one allocation that res->names points to. */
static int
result_names(struct db_result *res, const MYSQL_FIELD *fields)
{
	size_t i, total = 0;
	char *p;

	for (i = 0; i < res->ncols; i++)
		total += fields[i].name_length + 1;
	res->names = malloc(res->ncols * sizeof(char *) + total);
	if (res->names == NULL)
		return -1;
	p = (char *)(res->names + res->ncols);
	for (i = 0; i < res->ncols; i++) {
		memcpy(p, fields[i].name, fields[i].name_length);
		p[fields[i].name_length] = '\0';
		res->names[i] = p;
		p += fields[i].name_length + 1;
	}
	return 0;
}

/*
 * Move the fetched text into one allocation: the cell pointers, then the
 * lengths, then the text. res->cells owns it all.
 */
static int
result_cells(struct db_result *res, const size_t *offs, const size_t *lens,
    const struct buf *text)
{
	size_t i, n = res->nrows * res->ncols;
	char *base;

	if (n == 0)
		return 0;
	res->cells = malloc(n * (sizeof(char *) + sizeof(size_t)) + text->len);
	if (res->cells == NULL)
		return -1;
	res->lens = (size_t *)(res->cells + n);
	base = (char *)(res->lens + n);
	if (text->len > 0)
		memcpy(base, text->data, text->len);
	for (i = 0; i < n; i++) {
		res->cells[i] = offs[i] == NO_CELL ? NULL : base + offs[i];
		res->lens[i] = lens[i];
	}
	return 0;
}

/*
 * Append the current row's cell c to text, NUL-terminated; a cell longer
 * than its bound buffer is fetched again into *wide. -1 out of memory,
 * 1 when the statement failed.
 */
static int
cell_append(MYSQL_STMT *stmt, unsigned int c, const struct column *col,
    struct buf *text, char **wide, size_t *wide_cap)
{
	MYSQL_BIND whole;
	const char *src = col->buf;
	char *p;

	if (col->truncated) {
		if (*wide_cap < col->len + 1) {
			if ((p = realloc(*wide, col->len + 1)) == NULL)
				return -1;
			*wide = p;
			*wide_cap = col->len + 1;
		}
		memset(&whole, 0, sizeof(whole));
		whole.buffer_type = MYSQL_TYPE_STRING;
		whole.buffer = *wide;
		whole.buffer_length = col->len + 1;
		if (mysql_stmt_fetch_column(stmt, &whole, c, 0) != 0)
			return 1;
		src = *wide;
	}
	return buf_append_nul(text, src, col->len) == -1 ? -1 : 0;
}

/* Append whole number cell col to text as cell_append does; its length. */
static int
whole_append(const MYSQL_BIND *bind, const struct column *col,
    struct buf *text, size_t *len)
{
	char num[TEXT_INT_LEN];

	if (bind->is_unsigned)
		text_of_uint((uint64_t)col->whole, num);
	else
		text_of_int((int64_t)col->whole, num);
	*len = strlen(num);
	return buf_append_nul(text, num, *len);
}

/*
 * Fetch every row of an executed statement into res, each cell as text.
 * Columns are bound with room for the longest value the server reported.
 */
int
db_fetch(struct db *db, MYSQL_STMT *stmt, struct db_result *res,
    const char *sql)
{
	size_t r, c, k, n, *offs = NULL, wide_cap = 0;
	struct column *col = NULL;
	MYSQL_BIND *bind = NULL;
	MYSQL_RES *meta = NULL;
	const MYSQL_FIELD *fields;
	char *wide = NULL;
	struct buf text;
	int rc, frc;

	buf_init(&text);
	if ((res->ncols = mysql_stmt_field_count(stmt)) == 0)
		return DB_OK;
	if (mysql_stmt_store_result(stmt) != 0 ||
	    (meta = mysql_stmt_result_metadata(stmt)) == NULL)
		goto fail;
	fields = mysql_fetch_fields(meta);
	res->nrows = (size_t)mysql_stmt_num_rows(stmt);
	n = res->nrows * res->ncols;
	if (result_names(res, fields) == -1 ||
	    (bind = calloc(res->ncols, sizeof(*bind))) == NULL ||
	    (col = calloc(res->ncols, sizeof(*col))) == NULL ||
	    (offs = calloc(2 * n + 1, sizeof(*offs))) == NULL)
		goto oom;
	for (c = 0; c < res->ncols; c++) {
		bind[c].length = &col[c].len;
		bind[c].is_null = &col[c].is_null;
		bind[c].error = &col[c].truncated;
		if (is_whole(&fields[c])) {
			bind[c].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[c].buffer = &col[c].whole;
			bind[c].is_unsigned =
			    (fields[c].flags & UNSIGNED_FLAG) != 0;
			continue;
		}
		bind[c].buffer_length = fields[c].max_length < CELL_MIN ?
		    CELL_MIN : fields[c].max_length + 1;
		if ((col[c].buf = malloc(bind[c].buffer_length)) == NULL)
			goto oom;
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = col[c].buf;
	}
	if (mysql_stmt_bind_result(stmt, bind) != 0)
		goto fail;
	for (r = 0; r < res->nrows; r++) {
		frc = mysql_stmt_fetch(stmt);
		if (frc != 0 && frc != MYSQL_DATA_TRUNCATED)
			goto fail;
		for (c = 0; c < res->ncols; c++) {
			k = r * res->ncols + c;
			offs[k] = NO_CELL;
			if (col[c].is_null)
				continue;
			offs[k] = text.len;
			offs[n + k] = col[c].len;
			if (col[c].buf == NULL)
				frc = whole_append(&bind[c], &col[c], &text,
				    &offs[n + k]);
			else
				frc = cell_append(stmt, (unsigned int)c,
				    &col[c], &text, &wide, &wide_cap);
			if (frc == -1)
				goto oom;
			if (frc == 1)
				goto fail;
		}
	}
	if (result_cells(res, offs, offs + n, &text) == -1)
		goto oom;
	rc = DB_OK;
	goto out;
oom:
	rc = db_oom(db);
	goto out;
fail:
	db_stmt_error(db, stmt);
	mysql_stmt_free_result(stmt);
	stmt = NULL;		/* db_fail() may close it */
	rc = db_fail(db, sql);
out:
	if (stmt != NULL)
		mysql_stmt_free_result(stmt);
	if (meta != NULL)
		mysql_free_result(meta);
	for (c = 0; col != NULL && c < res->ncols; c++)
		free(col[c].buf);
	free(col);
	free(bind);
	free(offs);
	free(wide);
	buf_free(&text);
	if (rc != DB_OK)
		db_result_free(res);
	return rc;
}

/* A cell's text (owned by res), or NULL for SQL NULL or out of range. */
const char *
db_cell(const struct db_result *res, size_t row, size_t col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->cells[row * res->ncols + col];
}

/* A cell as int64: 0 for NULL, out of range, or not a whole number. */
int64_t
db_cell_int(const struct db_result *res, size_t row, size_t col)
{
	const char *s;
	long long v;
	char *end;

	if ((s = db_cell(res, row, col)) == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return 0;
	return (int64_t)v;
}

/* The index of the column named name, or res->ncols when there is none. */
static size_t
db_col(const struct db_result *res, const char *name)
{
	size_t i;

	for (i = 0; i < res->ncols && strcmp(res->names[i], name) != 0; i++)
		continue;
	return i;
}

/* A cell by its column's name; NULL for SQL NULL, no such row or column. */
const char *
db_value(const struct db_result *res, size_t row, const char *name)
{
	return db_cell(res, row, db_col(res, name));
}

/* A cell by its column's name as int64, as db_cell_int reads it. */
int64_t
db_value_int(const struct db_result *res, size_t row, const char *name)
{
	return db_cell_int(res, row, db_col(res, name));
}

/* Free what db_query() put in res and leave it empty. Safe on empty. */
void
db_result_free(struct db_result *res)
{
	free(res->cells);
	free(res->names);
	memset(res, 0, sizeof(*res));
}
