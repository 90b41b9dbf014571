/*
 * Prepared statements: the per-connection cache, parameter binding and
 * running them (db_result.c fetches their rows).
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

/* Storage behind the MYSQL_BIND of one parameter. */
struct param_value {
	long long i;
	unsigned long len;
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

void
db_stmt_error(struct db *db, MYSQL_STMT *stmt)
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

	/*
	 * Most texts are literals, at the same address each time: an entry
	 * seen there whose text is the same needs no hashing.
	 */
	len = strlen(sql);
	for (i = 0; i < DB_STMT_CACHE; i++) {
		e = &db->cache[i];
		if (e->stmt != NULL && e->seen_at == sql && e->len == len &&
		    memcmp(e->sql, sql, len) == 0) {
			e->used = ++db->tick;
			return e->stmt;
		}
	}
	hash = sql_hash(sql, &len);
	victim = &db->cache[0];
	for (i = 0; i < DB_STMT_CACHE; i++) {
		e = &db->cache[i];
		if (e->stmt != NULL && e->hash == hash && e->len == len &&
		    memcmp(e->sql, sql, len) == 0) {
			e->used = ++db->tick;
			e->seen_at = sql;
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
		db_stmt_error(db, stmt);
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
	victim->seen_at = sql;
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
		db_stmt_error(db, stmt);
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
		db_stmt_error(db, stmt);
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

/*
 * Run a query and fetch all its rows into *res, which the caller frees
 * with db_result_free() (*res is empty on failure).
 */
int
db_query(struct db *db, struct db_result *res, const char *sql,
    const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = db_vquery(db, res, sql, types, ap);
	va_end(ap);
	return rc;
}

int
db_vquery(struct db *db, struct db_result *res, const char *sql,
    const char *types, va_list ap)
{
	MYSQL_STMT *stmt;
	va_list again;
	int rc, tries;

	memset(res, 0, sizeof(*res));
	for (tries = 0;; tries++) {
		va_copy(again, ap);
		rc = db_run(db, &stmt, sql, types, again);
		va_end(again);
		if (rc == DB_OK)
			rc = db_fetch(db, stmt, res, sql);
		/*
		 * A read outside a transaction whose connection broke on
		 * the way (its server died: t_kill_node saw a page fail so)
		 * is sent once more, on a new connection, to the next server
		 * when there are several: reading twice changes nothing.
		 */
		if (rc != DB_RETRY || db->in_txn || db->conn != NULL ||
		    tries > 0)
			return rc;
		db_result_free(res);
	}
}

