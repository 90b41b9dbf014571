/*
 * Prepared statements: the per-connection cache, parameter binding, and
 * results fetched whole as text.
 *
 * The cache is keyed by the statement's text, not its address, so a text
 * built at run time is as safe as a literal. It holds DB_STMT_CACHE entries
 * and replaces the least recently used; the server's default
 * max_prepared_stmt_count (16382) allows a few hundred processes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "storage/db_int.h"
#include "base/log.h"

/*
 * Smallest bound buffer: room for any integer or floating-point number as
 * text. It matters because Connector/C writes a FLOAT or DOUBLE in fewer
 * digits to fit a small buffer without reporting truncation. Longer values
 * (strings, whose length the server reports) are fetched again.
 */
#define CELL_MIN	64
#define NO_CELL		((size_t)-1)

/* Storage behind the MYSQL_BIND of one parameter. */
struct param_value {
	long long i;
	unsigned long len;
};

/* One result column while fetching. */
struct column {
	char *buf;		/* bound buffer */
	unsigned long len;	/* the cell's whole length */
	my_bool is_null;
	my_bool truncated;
};

void
db_stmt_cache_clear(struct db *db)
{
	struct db_stmt_entry *e;
	size_t i;

	for (i = 0; i < DB_STMT_CACHE; i++) {
		e = &db->cache[i];
		if (e->stmt != NULL)
			mysql_stmt_close(e->stmt);
		free(e->sql);
		memset(e, 0, sizeof(*e));
	}
}

/* Record the statement's error on the handle. */
static void
stmt_error(struct db *db, MYSQL_STMT *stmt)
{
	db_set_error(db, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
}

/* FNV-1a over the text; also measures it. */
static uint32_t
sql_hash(const char *sql, size_t *len)
{
	uint32_t h = 2166136261u;
	const char *p;

	for (p = sql; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	*len = (size_t)(p - sql);
	return h;
}

/*
 * The prepared statement for sql: from the cache, or prepared now in place
 * of the least recently used entry. NULL with *rc set on failure.
 */
static MYSQL_STMT *
db_prepare(struct db *db, const char *sql, int *rc)
{
	struct db_stmt_entry *e, *victim;
	my_bool on = 1;
	MYSQL_STMT *stmt;
	uint32_t hash;
	size_t i, len;
	char *copy;

	hash = sql_hash(sql, &len);
	victim = &db->cache[0];
	for (i = 0; i < DB_STMT_CACHE; i++) {
		e = &db->cache[i];
		if (e->stmt != NULL && e->hash == hash && e->len == len &&
		    memcmp(e->sql, sql, len) == 0) {
			e->used = ++db->tick;
			return e->stmt;
		}
		if (e->used < victim->used)
			victim = e;
	}
	if ((stmt = mysql_stmt_init(db->conn)) == NULL) {
		*rc = db_oom(db);
		return NULL;
	}
	if (mysql_stmt_prepare(stmt, sql, len) != 0) {
		stmt_error(db, stmt);
		mysql_stmt_close(stmt);
		*rc = db_fail(db, sql);
		return NULL;
	}
	if ((copy = malloc(len + 1)) == NULL) {
		mysql_stmt_close(stmt);
		*rc = db_oom(db);
		return NULL;
	}
	memcpy(copy, sql, len + 1);
	mysql_stmt_attr_set(stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (victim->stmt != NULL)
		mysql_stmt_close(victim->stmt);
	free(victim->sql);
	victim->sql = copy;
	victim->len = len;
	victim->hash = hash;
	victim->used = ++db->tick;
	victim->stmt = stmt;
	return stmt;
}

/*
 * Read the arguments that types describes into bind[] and val[], which
 * have strlen(types) entries, zeroed.
 */
static int
params_collect(struct db *db, MYSQL_BIND *bind, struct param_value *val,
    const char *sql, const char *types, va_list ap)
{
	const void *p;
	size_t i;

	for (i = 0; types[i] != '\0'; i++) {
		switch (types[i]) {
		case 'i':
			val[i].i = (long long)va_arg(ap, int64_t);
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = &val[i].i;
			continue;
		case 'n':
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			continue;
		case 's':
			p = va_arg(ap, const char *);
			val[i].len = p != NULL ? strlen(p) : 0;
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			break;
		case 'b':
			p = va_arg(ap, const void *);
			val[i].len = (unsigned long)va_arg(ap, size_t);
			bind[i].buffer_type = MYSQL_TYPE_BLOB;
			break;
		default:
			db_set_error(db, 0, "bad parameter type");
			log_err(NULL, "db: bad parameter type '%c' for: %s",
			    types[i], sql);
			return DB_ERROR;
		}
		if (p == NULL)
			bind[i].buffer_type = MYSQL_TYPE_NULL;
		bind[i].buffer = (void *)(uintptr_t)p;
		bind[i].buffer_length = val[i].len;
		bind[i].length = &val[i].len;
	}
	return DB_OK;
}

/*
 * Prepare (or reuse), bind and execute sql; *out gets the executed
 * statement, whose result the caller fetches or discards.
 */
static int
db_run(struct db *db, MYSQL_STMT **out, const char *sql, const char *types,
    va_list ap)
{
	struct param_value *val = NULL;
	MYSQL_BIND *bind = NULL;
	MYSQL_STMT *stmt;
	size_t n;
	int rc;

	if (db->in_txn && (db->txn_doomed || db->conn == NULL)) {
		db_set_error(db, 0, "transaction already aborted");
		return DB_RETRY;
	}
	if (!db->in_txn && (rc = db_ready(db)) != DB_OK)
		return rc;
	n = strlen(types);
	if (n > 0 && ((bind = calloc(n, sizeof(*bind))) == NULL ||
	    (val = calloc(n, sizeof(*val))) == NULL)) {
		rc = db_oom(db);
		goto out;
	}
	if ((rc = params_collect(db, bind, val, sql, types, ap)) != DB_OK)
		goto out;
	stmt = db_prepare(db, sql, &rc);
	if (stmt == NULL && rc == DB_RETRY && db->conn == NULL &&
	    !db->in_txn && db_connect(db) == DB_OK)
		stmt = db_prepare(db, sql, &rc);	/* nothing ran yet */
	if (stmt == NULL)
		goto out;
	if (mysql_stmt_param_count(stmt) != n) {
		db_set_error(db, 0, "parameter count mismatch");
		log_err(NULL, "db: %lu parameters but %zu types in: %s",
		    mysql_stmt_param_count(stmt), n, sql);
		rc = DB_ERROR;
		goto out;
	}
	if ((n > 0 && mysql_stmt_bind_param(stmt, bind) != 0) ||
	    mysql_stmt_execute(stmt) != 0) {
		stmt_error(db, stmt);
		rc = db_fail(db, sql);
		goto out;
	}
	*out = stmt;
	rc = DB_OK;
out:
	free(bind);
	free(val);
	return rc;
}

/*
 * Run a statement; rows it returns (SELECT ... FOR UPDATE used only to
 * lock) are read and discarded. Counts go to *affected and *insert_id.
 */
int
db_exec(struct db *db, uint64_t *affected, uint64_t *insert_id,
    const char *sql, const char *types, ...)
{
	MYSQL_STMT *stmt;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = db_run(db, &stmt, sql, types, ap);
	va_end(ap);
	if (rc != DB_OK)
		return rc;
	if (mysql_stmt_field_count(stmt) > 0 &&
	    mysql_stmt_store_result(stmt) != 0) {
		stmt_error(db, stmt);
		mysql_stmt_free_result(stmt);
		return db_fail(db, sql);
	}
	if (affected != NULL)
		*affected = (uint64_t)mysql_stmt_affected_rows(stmt);
	if (insert_id != NULL)
		*insert_id = (uint64_t)mysql_stmt_insert_id(stmt);
	mysql_stmt_free_result(stmt);
	return DB_OK;
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
	if (buf_append(text, src, col->len) == -1 ||
	    buf_append(text, "", 1) == -1)
		return -1;
	return 0;
}

/*
 * Fetch every row of an executed statement into res, each cell as text.
 * Columns are bound with room for the longest value the server reported.
 */
static int
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
		bind[c].buffer_length = fields[c].max_length < CELL_MIN ?
		    CELL_MIN : fields[c].max_length + 1;
		if ((col[c].buf = malloc(bind[c].buffer_length)) == NULL)
			goto oom;
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = col[c].buf;
		bind[c].length = &col[c].len;
		bind[c].is_null = &col[c].is_null;
		bind[c].error = &col[c].truncated;
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
			frc = cell_append(stmt, (unsigned int)c, &col[c],
			    &text, &wide, &wide_cap);
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
	stmt_error(db, stmt);
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

/*
 * Run a query and fetch all its rows into *res, which the caller frees
 * with db_result_free() (*res is empty on failure).
 */
int
db_query(struct db *db, struct db_result *res, const char *sql,
    const char *types, ...)
{
	MYSQL_STMT *stmt;
	va_list ap;
	int rc;

	memset(res, 0, sizeof(*res));
	va_start(ap, types);
	rc = db_run(db, &stmt, sql, types, ap);
	va_end(ap);
	if (rc != DB_OK)
		return rc;
	return db_fetch(db, stmt, res, sql);
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
