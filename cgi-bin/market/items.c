/*
 * One task item per slot: storing a campaign's items, binding one to a
 * claim, giving it back, and the {{column}} placeholders (items.h).
 */
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/json.h"
#include "market/items.h"
#include "storage/db.h"

/* The columns (row -1) or item row of t as a JSON array into out. */
static int
json_row(struct buf *out, const struct csv_table *t, long row)
{
	size_t i;
	int rc;

	buf_reset(out);
	rc = buf_puts(out, "[");
	for (i = 0; i < t->ncols; i++) {
		if (i > 0)
			rc |= buf_puts(out, ",");
		rc |= json_string(out, csv_cell(t, row, i));
	}
	rc |= buf_puts(out, "]");
	return rc == 0 ? 0 : -1;
}

int
items_store(struct db *db, int64_t campaign, const struct csv_table *t)
{
	struct buf json;
	size_t i;
	int rc;

	buf_init(&json);
	if (json_row(&json, t, -1) == -1)
		return DB_ERROR;
	rc = db_exec(db, NULL, NULL, "UPDATE campaigns SET item_columns = ?"
	    " WHERE id = ?", "si", json.data, campaign);
	for (i = 0; rc == DB_OK && i < t->nrows; i++) {
		if (json_row(&json, t, (long)i) == -1) {
			rc = DB_ERROR;
			break;
		}
		rc = db_exec(db, NULL, NULL, "INSERT INTO campaign_items"
		    " (campaign_id, row_no, source_row, cells)"
		    " VALUES (?, ?, ?, ?)", "iiis", campaign, (int64_t)i + 1,
		    (int64_t)t->source_row[i], json.data);
	}
	buf_free(&json);
	return rc;
}

int
items_take(struct db *db, int64_t campaign, int64_t task, int *taken)
{
	uint64_t affected = 0;
	int rc;

	rc = db_exec(db, &affected, NULL, "UPDATE campaign_items"
	    " SET task_id = ? WHERE campaign_id = ? AND task_id IS NULL"
	    " ORDER BY row_no LIMIT 1", "ii", task, campaign);
	*taken = rc == DB_OK && affected == 1;
	return rc;
}

int
items_release(struct db *db, int64_t task)
{
	return db_exec(db, NULL, NULL, "UPDATE campaign_items"
	    " SET task_id = NULL WHERE task_id = ?", "i", task);
}

/*
 * The placeholder at s ("{{ name }}"): *name and *len its trimmed name,
 * *end just past it. Returns 0, or -1 when s starts none.
 */
static int
placeholder_at(const char *s, const char **name, size_t *len,
    const char **end)
{
	const char *p, *close;

	if (strncmp(s, "{{", 2) != 0 || (close = strstr(s + 2, "}}")) == NULL)
		return -1;
	for (p = s + 2; *p == ' '; p++)
		continue;
	*name = p;
	p += strspn(p, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
	*len = (size_t)(p - *name);
	while (*p == ' ')
		p++;
	if (p != close || *len == 0)
		return -1;
	*end = close + 2;
	return 0;
}

/* The column of columns[0..n) named name (len bytes), or -1. */
static long
column_of(const char *const *columns, size_t n, const char *name,
    size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(columns[i]) == len &&
		    memcmp(columns[i], name, len) == 0)
			return (long)i;
	return -1;
}

int
items_placeholders_check(const char *text, const char *const *columns,
    size_t n, char *bad, size_t badlen)
{
	const char *p, *name, *end;
	size_t len;

	for (p = text; (p = strstr(p, "{{")) != NULL; ) {
		if (placeholder_at(p, &name, &len, &end) == -1) {
			p += 1;
			continue;
		}
		if (column_of(columns, n, name, len) == -1) {
			if (badlen > 0) {
				len = len < badlen - 1 ? len : badlen - 1;
				memcpy(bad, name, len);
				bad[len] = '\0';
			}
			return -1;
		}
		p = end;
	}
	return 0;
}

/* The value of hex digit c, or -1. */
static int
hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at s as a number, or -1. */
static long
hex4(const char *s)
{
	long v = 0;
	int i, d;

	for (i = 0; i < 4; i++) {
		if ((d = hex(s[i])) == -1)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* Write code point cp as UTF-8 at *o, moving it on. */
static void
put_utf8(char **o, unsigned long cp)
{
	char *p = *o;

	if (cp < 0x80)
		*p++ = (char)cp;
	else if (cp < 0x800) {
		*p++ = (char)(0xc0 | cp >> 6);
		*p++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*p++ = (char)(0xe0 | cp >> 12);
		*p++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*p++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*p++ = (char)(0xf0 | cp >> 18);
		*p++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*p++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*p++ = (char)(0x80 | (cp & 0x3f));
	}
	*o = p;
}

/* Decode the escape at *s (after the backslash) to *o. -1 if bad. */
static int
unescape(const char **s, char **o)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *at;
	long cp, lo;

	if (**s != '\0' && (at = strchr(from, **s)) != NULL) {
		*(*o)++ = to[at - from];
		(*s)++;
		return 0;
	}
	if (**s != 'u' || (cp = hex4(*s + 1)) == -1)
		return -1;
	*s += 5;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if ((*s)[0] != '\\' || (*s)[1] != 'u' ||
		    (lo = hex4(*s + 2)) < 0xdc00 || lo > 0xdfff)
			return -1;
		*s += 6;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	} else if (cp >= 0xdc00 && cp <= 0xdfff)
		return -1;
	put_utf8(o, (unsigned long)cp);
	return 0;
}

long
items_json_strings(const char *json, char **out, size_t max, char **store)
{
	const char *s = json;
	char *o;
	size_t n = 0;

	/* Decoded text is never longer than its JSON. */
	if ((*store = o = malloc(strlen(json) + 1)) == NULL)
		return -1;
	s += strspn(s, " \t\r\n");
	if (*s++ != '[')
		goto bad;
	s += strspn(s, " \t\r\n");
	while (*s == '"') {
		if (n == max)
			goto bad;
		out[n++] = o;
		for (s++; *s != '"'; ) {
			if (*s == '\0')
				goto bad;
			if (*s != '\\')
				*o++ = *s++;
			else if (s++, unescape(&s, &o) == -1)
				goto bad;
		}
		*o++ = '\0';
		s++;
		s += strspn(s, " \t\r\n");
		if (*s != ',')
			break;
		s++;
		s += strspn(s, " \t\r\n");
	}
	if (*s != ']')
		goto bad;
	return (long)n;
bad:
	free(*store);
	*store = NULL;
	return -1;
}

#define ITEMS_COLUMNS_MAX 100	/* items.max_columns' largest value */

int
items_fill(struct buf *out, const char *text, const char *columns_json,
    const char *cells_json)
{
	char *cols[ITEMS_COLUMNS_MAX], *cells[ITEMS_COLUMNS_MAX];
	char *cols_store = NULL, *cells_store = NULL;
	const char *p, *at, *name, *end;
	long nc, nv, col;
	size_t len;
	int rc = 0;

	nc = items_json_strings(columns_json, cols, ITEMS_COLUMNS_MAX,
	    &cols_store);
	nv = nc < 0 ? -1 : items_json_strings(cells_json, cells,
	    ITEMS_COLUMNS_MAX, &cells_store);
	if (nc < 0 || nv != nc) {
		free(cols_store);
		free(cells_store);
		buf_puts(out, text);
		return -1;
	}
	for (p = text; (at = strstr(p, "{{")) != NULL; ) {
		if (placeholder_at(at, &name, &len, &end) == -1 ||
		    (col = column_of((const char *const *)cols, (size_t)nc,
		    name, len)) == -1) {
			rc |= buf_append(out, p, (size_t)(at - p) + 1);
			p = at + 1;
			continue;
		}
		rc |= buf_append(out, p, (size_t)(at - p));
		rc |= buf_puts(out, cells[col]);
		p = end;
	}
	rc |= buf_puts(out, p);
	free(cols_store);
	free(cells_store);
	return rc == 0 ? 0 : -1;
}
