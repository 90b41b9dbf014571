/*
 * Reading an employer's CSV file of task items (RFC 4180): a header row
 * naming the columns, then one record per item. Pure: no I/O, no
 * globals; the caller passes the bytes and the site's limits.
 *
 * Accepted: UTF-8 with or without a byte order mark; CRLF, LF or CR line
 * ends; cells in double quotes holding commas, line ends (read as LF, so
 * a file sent back by a form reads the same) and doubled quotes; blank
 * records (nothing, or only empty cells) are skipped. Column
 * names are 1 to CSV_NAME_MAX letters, digits or '_' (they are the
 * {{name}} placeholders of the instructions), spaces around them trimmed,
 * each once.
 */
#ifndef KAAJ_CSV_H
#define KAAJ_CSV_H

#include <stddef.h>

#include "base/buf.h"

#define CSV_NAME_MAX 32		/* bytes of a column name */

/* The site's limits (items.* in etc/kaaj.conf). */
struct csv_limits {
	size_t max_rows;	/* items, the header not counted */
	size_t max_columns;
	size_t max_cell;	/* bytes of one cell */
};

/* Why a file was refused; each has Lang.Form.Error.items_KEY. */
enum csv_error {
	CSV_OK = 0,
	CSV_NO_HEADER,		/* empty file, or the header names nothing */
	CSV_NO_ROWS,		/* a header and no item */
	CSV_BAD_UTF8,		/* at row, column */
	CSV_CONTROL,		/* a NUL or other control byte in a cell */
	CSV_BAD_QUOTE,		/* a quote in an unquoted cell, text after a
				 * closing quote, or a quote never closed */
	CSV_RAGGED,		/* row has another number of cells */
	CSV_TOO_MANY_ROWS,
	CSV_TOO_MANY_COLUMNS,
	CSV_CELL_TOO_LONG,
	CSV_BAD_NAME,		/* a column name that is not [A-Za-z0-9_] */
	CSV_DUPLICATE_NAME,
	CSV_NOMEM
};

/* Where: row 1 is the header, as a spreadsheet numbers records. */
struct csv_fail {
	enum csv_error error;
	size_t row;		/* 0 when no row is meant */
	size_t column;		/* 1-based; 0 when no column is meant */
};

/* A parsed file: cells[r * ncols + c], row 0 the header. */
struct csv_table {
	size_t ncols;
	size_t nrows;		/* items, the header not counted */
	size_t *source_row;	/* of each item: its row in the file */
	char **cells;		/* NUL-terminated, pointing into store */
	char *store;
};

/*
 * Parse len bytes of data under lim into *t. Returns 0 (the caller frees
 * *t with csv_free), or -1 with *f saying what and where (*t is empty).
 */
int csv_parse(const char *data, size_t len, const struct csv_limits *lim,
    struct csv_table *t, struct csv_fail *f);

/* The cell of item row (0-based; -1 for the header) and column. */
const char *csv_cell(const struct csv_table *t, long row, size_t col);

/* Free what csv_parse allocated; t may be zeroed or freed already. */
void csv_free(struct csv_table *t);

/*
 * Append s to b as one CSV field (RFC 4180): quoted when it holds a
 * comma, quote or line end; and, being text, made inert for
 * spreadsheets: one that starts like a formula (= + - @ tab CR) gets a
 * leading apostrophe. Returns 0 or -1 (out of memory).
 */
int csv_put_text(struct buf *b, const char *s);

/* The language key of error ("items_ragged" and so on), static. */
const char *csv_error_key(enum csv_error error);

#endif
