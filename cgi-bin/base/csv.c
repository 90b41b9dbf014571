/*
 * A small RFC 4180 reader for the employer's item files (csv.h). One
 * pass: cells are unquoted into one store as long as the input (a cell
 * never grows when its quotes go), each ended by a NUL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

/* The parse in progress. */
struct reader {
	const char *p, *end;
	const struct csv_limits *lim;
	struct csv_table *t;
	struct csv_fail *f;
	char *out;		/* next byte of the store */
	size_t ncells, cap;	/* cells kept, room in t->cells */
	size_t rows_cap;	/* room in t->source_row */
	size_t row;		/* the file's record being read, from 1 */
	int have_header;
};

/* Fail at the current row and column; returns -1. */
static int
fail(struct reader *r, enum csv_error e, size_t column)
{
	r->f->error = e;
	r->f->row = e == CSV_NO_HEADER || e == CSV_NO_ROWS ||
	    e == CSV_NOMEM ? 0 : r->row;
	r->f->column = column;
	return -1;
}

/*
 * Length of the UTF-8 sequence at s (n bytes left), or 0 when it is not
 * one: overlong forms, surrogates and code points past U+10FFFF refused.
 */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Check cell s of n bytes: UTF-8, no control byte but tab and line ends. */
static int
cell_check(struct reader *r, const char *s, size_t n, size_t column)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		if (u[i] == 0x7f || (u[i] < 0x20 && u[i] != '\t' &&
		    u[i] != '\r' && u[i] != '\n'))
			return fail(r, CSV_CONTROL, column);
		if ((len = utf8_len(u + i, n - i)) == 0)
			return fail(r, CSV_BAD_UTF8, column);
		i += len;
	}
	return 0;
}

/* Keep cell as the next of t->cells. */
static int
cell_keep(struct reader *r, char *cell)
{
	char **grown;
	size_t cap;

	if (r->ncells == r->cap) {
		cap = r->cap == 0 ? 64 : r->cap * 2;
		if ((grown = realloc(r->t->cells, cap * sizeof(*grown))) ==
		    NULL)
			return fail(r, CSV_NOMEM, 0);
		r->t->cells = grown;
		r->cap = cap;
	}
	r->t->cells[r->ncells++] = cell;
	return 0;
}

/* Read one cell at r->p into the store; column is its 1-based place. */
static int
cell_read(struct reader *r, size_t column)
{
	char *cell = r->out;

	if (r->p < r->end && *r->p == '"') {
		for (r->p++;; ) {
			if (r->p >= r->end)
				return fail(r, CSV_BAD_QUOTE, column);
			if (*r->p == '"') {
				if (r->p + 1 < r->end && r->p[1] == '"') {
					*r->out++ = '"';
					r->p += 2;
					continue;
				}
				r->p++;
				break;
			}
			/* CRLF and CR as LF: a form sends line ends as CRLF. */
			if (*r->p == '\r') {
				*r->out++ = '\n';
				if (++r->p < r->end && *r->p == '\n')
					r->p++;
				continue;
			}
			*r->out++ = *r->p++;
		}
		if (r->p < r->end && *r->p != ',' && *r->p != '\r' &&
		    *r->p != '\n')
			return fail(r, CSV_BAD_QUOTE, column);
	} else {
		while (r->p < r->end && *r->p != ',' && *r->p != '\r' &&
		    *r->p != '\n') {
			if (*r->p == '"')
				return fail(r, CSV_BAD_QUOTE, column);
			*r->out++ = *r->p++;
		}
	}
	if ((size_t)(r->out - cell) > r->lim->max_cell)
		return fail(r, CSV_CELL_TOO_LONG, column);
	if (cell_check(r, cell, (size_t)(r->out - cell), column) == -1)
		return -1;
	*r->out++ = '\0';
	return cell_keep(r, cell);
}

/*
 * Read one record; *n gets its cells. A data record stops at its header's
 * width plus one (ragged), the header at the limit of columns.
 */
static int
record_read(struct reader *r, size_t *n)
{
	size_t max = r->have_header ? r->t->ncols :
	    r->lim->max_columns;

	for (*n = 0;; ) {
		if (*n == max)
			return fail(r, r->have_header ? CSV_RAGGED :
			    CSV_TOO_MANY_COLUMNS, max + 1);
		if (cell_read(r, ++*n) == -1)
			return -1;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		return 0;
	}
}

/* Non-zero when the last n cells are all empty. */
static int
record_blank(const struct reader *r, size_t n)
{
	size_t i;

	for (i = r->ncells - n; i < r->ncells; i++)
		if (r->t->cells[i][0] != '\0')
			return 0;
	return 1;
}

/* Trim and check the header's names, in place. */
static int
header_check(struct reader *r)
{
	char **name = r->t->cells, *s, *e;
	size_t i, j;

	for (i = 0; i < r->t->ncols; i++) {
		for (s = name[i]; *s == ' ' || *s == '\t'; s++)
			continue;
		for (e = s + strlen(s); e > s && (e[-1] == ' ' ||
		    e[-1] == '\t'); e--)
			continue;
		*e = '\0';
		name[i] = s;
		if (e == s || e - s > CSV_NAME_MAX ||
		    strspn(s, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != (size_t)(e - s))
			return fail(r, CSV_BAD_NAME, i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(name[j], s) == 0)
				return fail(r, CSV_DUPLICATE_NAME, i + 1);
	}
	return 0;
}

/* Note where item t->nrows came from, and count it. */
static int
row_keep(struct reader *r)
{
	size_t *grown, cap;

	if (r->t->nrows == r->lim->max_rows)
		return fail(r, CSV_TOO_MANY_ROWS, 0);
	if (r->t->nrows == r->rows_cap) {
		cap = r->rows_cap == 0 ? 64 : r->rows_cap * 2;
		if ((grown = realloc(r->t->source_row, cap * sizeof(*grown))) ==
		    NULL)
			return fail(r, CSV_NOMEM, 0);
		r->t->source_row = grown;
		r->rows_cap = cap;
	}
	r->t->source_row[r->t->nrows++] = r->row;
	return 0;
}

/* Every record of the file. */
static int
records_read(struct reader *r)
{
	size_t n;

	while (r->p < r->end) {
		r->row++;
		if (record_read(r, &n) == -1)
			return -1;
		if (record_blank(r, n)) {
			r->ncells -= n;
			continue;
		}
		if (!r->have_header) {
			r->have_header = 1;
			r->t->ncols = n;
			if (header_check(r) == -1)
				return -1;
		} else if (n != r->t->ncols)
			return fail(r, CSV_RAGGED, n + 1);
		else if (row_keep(r) == -1)
			return -1;
	}
	if (!r->have_header)
		return fail(r, CSV_NO_HEADER, 0);
	if (r->t->nrows == 0)
		return fail(r, CSV_NO_ROWS, 0);
	return 0;
}

int
csv_parse(const char *data, size_t len, const struct csv_limits *lim,
    struct csv_table *t, struct csv_fail *f)
{
	struct reader r;

	memset(t, 0, sizeof(*t));
	memset(f, 0, sizeof(*f));
	memset(&r, 0, sizeof(r));
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	r.p = data;
	r.end = data + len;
	r.lim = lim;
	r.t = t;
	r.f = f;
	if ((t->store = malloc(len + 2)) == NULL) {
		f->error = CSV_NOMEM;
		return -1;
	}
	r.out = t->store;
	if (records_read(&r) == -1) {
		csv_free(t);
		return -1;
	}
	return 0;
}

const char *
csv_cell(const struct csv_table *t, long row, size_t col)
{
	return t->cells[(size_t)(row + 1) * t->ncols + col];
}

void
csv_free(struct csv_table *t)
{
	free(t->cells);
	free(t->source_row);
	free(t->store);
	memset(t, 0, sizeof(*t));
}

const char *
csv_error_key(enum csv_error error)
{
	static const char *const keys[] = {
		[CSV_OK] = "items_ok",
		[CSV_NO_HEADER] = "items_no_header",
		[CSV_NO_ROWS] = "items_no_rows",
		[CSV_BAD_UTF8] = "items_bad_utf8",
		[CSV_CONTROL] = "items_control",
		[CSV_BAD_QUOTE] = "items_bad_quote",
		[CSV_RAGGED] = "items_ragged",
		[CSV_TOO_MANY_ROWS] = "items_too_many_rows",
		[CSV_TOO_MANY_COLUMNS] = "items_too_many_columns",
		[CSV_CELL_TOO_LONG] = "items_cell_too_long",
		[CSV_BAD_NAME] = "items_bad_name",
		[CSV_DUPLICATE_NAME] = "items_duplicate_name",
		[CSV_NOMEM] = "items_nomem"
	};

	return (size_t)error < sizeof(keys) / sizeof(keys[0]) ?
	    keys[error] : "items_nomem";
}

int
csv_put_text(struct buf *b, const char *s)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL, rc = 0;
	const char *p;

	if (quote)
		rc |= buf_puts(b, "\"");
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL)
		rc |= buf_puts(b, "'");
	for (p = s; *p != '\0'; p++)
		rc |= *p == '"' ? buf_puts(b, "\"\"") : buf_append(b, p, 1);
	if (quote)
		rc |= buf_puts(b, "\"");
	return rc;
}
