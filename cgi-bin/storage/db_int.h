/*
 * Inside the database layer: the handle, and what db.c (connection, errors,
 * transactions), db_stmt.c (prepared statements) and db_result.c (their
 * rows) share.
 * Nothing outside db*.c includes this file.
 */
#ifndef KAAJ_DB_INT_H
#define KAAJ_DB_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <mysql.h>

#include "base/config.h"
#include "storage/db.h"

#define DB_STMT_CACHE	64	/* prepared statements kept per connection */

struct db_stmt_entry {
	char *sql;		/* own copy of the text: the key */
	const char *seen_at;	/* where the caller's text was last time */
	size_t len;
	uint32_t hash;
	uint64_t used;		/* tick of the last use; 0 when empty */
	MYSQL_STMT *stmt;
};

struct db {
	const struct kaaj_config *cfg;
	MYSQL *conn;		/* NULL while not connected */
	int in_txn;
	int txn_doomed;		/* a statement of this run said retry */
	unsigned int err_no;
	char err[512];
	uint64_t tick;		/* statement cache clock */
	uint32_t rand_state;	/* back-off jitter */
	const void *actor;	/* who acts, for the audit log; not owned */
	/* database.host's servers; node is the one in use or tried next */
	struct config_db_node nodes[CONFIG_DB_NODES_MAX];
	int n_nodes;
	int node;
	time_t resting[CONFIG_DB_NODES_MAX];	/* failed: skip until then */
	int cluster;		/* Galera: transactions carry a mark */
	struct db_stmt_entry cache[DB_STMT_CACHE];
};

/* Record an error on the handle: its number and a copy of its text. */
void db_set_error(struct db *db, unsigned int no, const char *msg);

/*
 * Turn the error recorded on the handle into a result code: DB_DUPLICATE;
 * DB_RETRY for deadlock, lock wait timeout and a lost connection (which is
 * then closed, with its statements); else DB_ERROR, logged with sql.
 * Inside a transaction a DB_RETRY dooms the running attempt.
 */
int db_fail(struct db *db, const char *sql);

/* Record the error of stmt on the handle. */
void db_stmt_error(struct db *db, MYSQL_STMT *stmt);

/* Record and log that memory ran out. Returns DB_ERROR. */
int db_oom(struct db *db);

/*
 * Before sending anything outside a transaction: drop a connection that
 * the server has closed, and connect when not connected. DB_OK or DB_ERROR.
 */
int db_ready(struct db *db);

/*
 * Fetch every row of the executed stmt into res (db_result.c). Returns
 * DB_OK, or a failure from db_fail()/db_oom() with res empty.
 */
int db_fetch(struct db *db, MYSQL_STMT *stmt, struct db_result *res,
    const char *sql);

/*
 * Forget every cached statement. Call it after mysql_close(), which
 * detaches them, so that closing them only frees memory (db_stmt.c).
 */
void db_stmt_cache_clear(struct db *db);

#endif
