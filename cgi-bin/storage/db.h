/*
 * The database layer over MariaDB Connector/C. Prepared statements only.
 *
 * One connection per process. A lost connection (the server restarted) is
 * reopened on the next statement. db_txn() runs a whole transaction and
 * runs it again, up to the configured bound, when MariaDB answers deadlock
 * (1213), lock wait timeout (1205) or the connection was lost mid-way.
 *
 * Parameters are described by a type string, one letter per '?':
 *   'i'  int64_t
 *   's'  const char *, NUL-terminated (NULL binds SQL NULL)
 *   'b'  const void *, size_t: bytes
 *   'n'  nothing is read from the arguments: SQL NULL
 */
#ifndef KAAJ_DB_H
#define KAAJ_DB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct kaaj_config;
struct db;

/* Results. Negative values are failures. */
enum db_rc {
	DB_OK = 0,
	DB_ERROR = -1,		/* a real error; logged by the layer */
	DB_RETRY = -2,		/* deadlock, lock wait, lost connection: retry */
	DB_DUPLICATE = -3,	/* unique key violation (1062) */
	DB_ROLLBACK = -4	/* returned by a txn body to roll back quietly */
};

/* A fully fetched result set: every cell as text, NULL as NULL. */
struct db_result {
	size_t nrows, ncols;
	char **cells;		/* nrows * ncols, row-major */
	size_t *lens;
	char **names;		/* ncols column names */
};

/*
 * Make a handle for the configured server. Does not connect until the first
 * statement (plain CGI pages that need no data pay nothing). The config must
 * outlive the handle. Returns NULL when out of memory.
 */
struct db *db_new(const struct kaaj_config *cfg);

/*
 * The site's configuration db was made with, for code that runs inside a
 * transaction and needs a setting its callers do not pass (the referral
 * terms of a task payment). Never NULL.
 */
const struct kaaj_config *db_config(const struct db *db);

/*
 * Who is acting through db, for the audit log (accounts/audit.h defines
 * what actor points to; this layer only keeps it). Set by the web front
 * for an admin's request and cleared when it ends, and by kaaj-admin at
 * its start. actor is not owned and must outlive its use; NULL clears.
 */
void db_set_actor(struct db *db, const void *actor);

/* The actor db_set_actor() left on db, or NULL when none is set. */
const void *db_actor(const struct db *db);

/* Close the connection and free the handle. Safe on NULL. */
void db_free(struct db *db);

/*
 * Connect now if not connected. Returns DB_OK, or DB_ERROR with the
 * reason in db_error().
 */
int db_connect(struct db *db);

/* The last error text of this handle (never NULL). */
const char *db_error(const struct db *db);

/* The last MariaDB error number of this handle, 0 if none. */
unsigned int db_errno(const struct db *db);

/*
 * Run a statement that returns no rows. *affected (may be NULL) gets the
 * affected-row count and *insert_id (may be NULL) the AUTO_INCREMENT id.
 */
int db_exec(struct db *db, uint64_t *affected, uint64_t *insert_id,
    const char *sql, const char *types, ...);

/*
 * Run a query and fetch all its rows into *res, which the caller frees
 * with db_result_free().
 */
int db_query(struct db *db, struct db_result *res, const char *sql,
    const char *types, ...);

/* db_query with the parameters as a va_list, for helpers that pass theirs. */
int db_vquery(struct db *db, struct db_result *res, const char *sql,
    const char *types, va_list ap);

/* A cell's text, or NULL for SQL NULL or out of range. */
const char *db_cell(const struct db_result *res, size_t row, size_t col);

/* A cell as int64 (0 for NULL or not a number). */
int64_t db_cell_int(const struct db_result *res, size_t row, size_t col);

/*
 * The cell of row in the column named name (its SQL alias, as in
 * `c.owner_id` or `c.title AS Title`), owned by res: NULL for SQL NULL, or
 * when there is no such row or column.
 */
const char *db_value(const struct db_result *res, size_t row,
    const char *name);

/* The same cell as int64 (0 for NULL, missing, or not a number). */
int64_t db_value_int(const struct db_result *res, size_t row,
    const char *name);

void db_result_free(struct db_result *res);

/*
 * Run body(db, arg) inside START TRANSACTION ... COMMIT. When body or the
 * COMMIT returns DB_RETRY, roll back and run it all again, at most the
 * configured number of times, with a short random back-off. body returns
 * DB_OK to commit, DB_ROLLBACK to roll back and return DB_ROLLBACK, or any
 * other failure, which rolls back and is returned. body must not keep state
 * between runs other than through arg, which it must reset itself.
 */
int db_txn(struct db *db, int (*body)(struct db *db, void *arg), void *arg);

/*
 * Run a whole SQL script (several statements, as in sql/NNNN_*.sql). Used
 * only for migrations, never with user input. Returns DB_OK or DB_ERROR.
 */
int db_script(struct db *db, const char *sql, size_t len);

#endif
