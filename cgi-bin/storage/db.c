/*
 * The database layer: the connection, error classes, transactions and
 * migration scripts. Prepared statements and results are in db_stmt.c.
 *
 * One connection per process, opened on the first statement. Connector/C's
 * own reconnect stays off: it would silently drop session settings and an
 * open transaction. Instead, a connection the server closed while we were
 * idle (restart, kill, wait_timeout) is noticed before anything is sent,
 * because the server never writes unasked: a readable socket means an error
 * packet or end of file. Such a statement runs on a new connection. A
 * connection that breaks after a statement was sent gives DB_RETRY: the
 * statement may or may not have run, and only the caller knows whether
 * running it again is safe.
 *
 * Inside db_txn() any DB_RETRY dooms the running attempt: its later
 * statements are refused without being sent (after a deadlock the server
 * has already rolled back, and they would autocommit one by one) and the
 * whole body runs again. On Galera the loser of a write conflict gets 1213
 * on its next statement, even a SELECT, and a COMMIT after that succeeds
 * and writes nothing; so the doom does not depend on what the body returns.
 *
 * A COMMIT whose connection breaks leaves its outcome unknown, and it is
 * retried like the rest: money transactions carry a unique idempotency key,
 * so a second run that finds its key taken fails with DB_DUPLICATE.
 *
 * database.host may name several servers of one Galera cluster. Each
 * connection goes to the first of them in the list's order that answers;
 * a server that refused a connection, or said it is not part of the
 * cluster's primary component (1047), rests for NODE_REST seconds, tried
 * only when no other answers. So every app server writes through the
 * first node it lists while that node is up, and comes back to it once
 * it is. With database.sync_wait set, every session
 * sets wsrep_sync_wait, so a read waits until the node has applied what
 * the cluster committed before it: a page that follows a POST served by
 * another app server on another node still sees that POST's write. A
 * transaction waits so once, at START TRANSACTION, before it holds a lock.
 *
 * On a cluster (several servers, or sync_wait set) each transaction also
 * carries a mark: a row in a temporary table of the session, inserted
 * first and deleted last, with autocommit off for the transaction's
 * length. Galera (26.4.23 with MariaDB 10.11) may roll back a
 * transaction that lost a write conflict just as a statement's reply goes
 * out: the client sees the statement succeed, and with autocommit on the
 * next statement would commit on its own (tests/cluster/run saw a
 * rating's notice written twice, the rating once). With the mark, such a
 * transaction finds its mark gone at the end, rolls back whatever ran
 * after the loss (autocommit is off, so none of it committed) and runs
 * again. The same race sometimes loses the reply itself; the read times
 * out after database.timeout and the transaction runs again on a new
 * connection (docs/scaling.md). A single server pays nothing for this.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <errmsg.h>
#include <mysqld_error.h>

#include "base/config.h"
#include "storage/db_int.h"
#include "base/log.h"

#define CONNECT_TIMEOUT	5	/* seconds */
#define BACKOFF_MAX_MS	20
#define CLUSTER_BACKOFF_MAX_MS	200
#define NODE_REST	30	/* seconds a failed server is tried last */

/* MySQL's "disconnected by the server because of inactivity". */
#define ER_KAAJ_INACTIVITY	4031

/*
 * STRICT_ALL_TABLES refuses bad values on every table, not only
 * transactional ones; the rest are MariaDB's defaults, named so that a
 * server configured otherwise (ANSI_QUOTES, say) cannot change our SQL.
 * UTC keeps DATETIME values comparable across servers.
 */
static const char session_sql[] =
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,STRICT_TRANS_TABLES,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION',"
    " time_zone = '+00:00'";

/*
 * READ COMMITTED rather than the REPEATABLE READ default: locking reads and
 * updates then lock only the rows they match, without gap locks, so racing
 * claims deadlock less. Correctness never rests on a repeatable snapshot:
 * writes are guarded single statements checked by affected rows, plus
 * unique keys. It needs binlog_format ROW or MIXED (Galera uses ROW).
 */
static const char isolation_sql[] =
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";

/* A cluster session's transaction mark (see the top of this file). */
static const char mark_table_sql[] =
    "CREATE TEMPORARY TABLE IF NOT EXISTS kaaj_txn_mark"
    " (n TINYINT NOT NULL PRIMARY KEY) ENGINE=InnoDB";

void
db_set_error(struct db *db, unsigned int no, const char *msg)
{
	db->err_no = no;
	snprintf(db->err, sizeof(db->err), "%s", msg);
}

static int
conn_lost(unsigned int no)
{
	return no == CR_SERVER_GONE_ERROR || no == CR_SERVER_LOST ||
	    no == ER_CONNECTION_KILLED || no == ER_SERVER_SHUTDOWN ||
	    no == ER_KAAJ_INACTIVITY;
}

/*
 * A Galera node cut off from the cluster's primary component answers
 * every statement with 1047 ("WSREP has not yet prepared node for
 * application use") until it is joined again: another node must serve.
 */
static int
node_not_ready(unsigned int no)
{
	return no == ER_UNKNOWN_COM_ERROR;
}

/* Let the server in use rest: the others are tried first for a while. */
static void
node_rest(struct db *db)
{
	db->resting[db->node] = time(NULL) + NODE_REST;
}

/* Close the connection and forget the statements prepared on it. */
static void
db_disconnect(struct db *db)
{
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db_stmt_cache_clear(db);
}

int
db_fail(struct db *db, const char *sql)
{
	switch (db->err_no) {
	case ER_DUP_ENTRY:
	case ER_DUP_ENTRY_WITH_KEY_NAME:
		return DB_DUPLICATE;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		break;
	default:
		if (!conn_lost(db->err_no) && !node_not_ready(db->err_no)) {
			log_err(NULL, "db: %s (errno %u) in: %s", db->err,
			    db->err_no, sql);
			return DB_ERROR;
		}
		log_warn(NULL, "db: connection lost: %s (errno %u)", db->err,
		    db->err_no);
		db_disconnect(db);
		/*
		 * A lost connection may be an idle one the server let go;
		 * a dead server refuses the next connect and rests then.
		 */
		if (node_not_ready(db->err_no))
			node_rest(db);
		break;
	}
	if (db->in_txn)
		db->txn_doomed = 1;
	return DB_RETRY;
}

int
db_oom(struct db *db)
{
	db_set_error(db, 0, "out of memory");
	log_err(NULL, "db: out of memory");
	return DB_ERROR;
}

/*
 * Make a handle for cfg, which must outlive it. Connects later, on the
 * first statement. NULL when out of memory; free with db_free().
 */
struct db *
db_new(const struct kaaj_config *cfg)
{
	struct timespec ts;
	const char *why;
	struct db *db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->cfg = cfg;
	/* config_load checked the list; a handle made by hand may not. */
	db->n_nodes = config_db_nodes(cfg->db_host != NULL ? cfg->db_host :
	    "", db->nodes, CONFIG_DB_NODES_MAX, &why);
	if (db->n_nodes < 1) {
		snprintf(db->nodes[0].host, sizeof(db->nodes[0].host), "%s",
		    cfg->db_host != NULL ? cfg->db_host : "127.0.0.1");
		db->n_nodes = 1;
	}
	db->cluster = db->n_nodes > 1 || cfg->db_sync_wait > 0;
	clock_gettime(CLOCK_REALTIME, &ts);
	db->rand_state = ((uint32_t)getpid() << 16) ^ (uint32_t)ts.tv_nsec;
	if (db->rand_state == 0)
		db->rand_state = 1;
	return db;
}

const struct kaaj_config *
db_config(const struct db *db)
{
	return db->cfg;
}

void
db_set_actor(struct db *db, const void *actor)
{
	db->actor = actor;
}

const void *
db_actor(const struct db *db)
{
	return db->actor;
}

/* Close the connection and free the handle. Safe on NULL. */
void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db);
}

/*
 * Open a connection to server i of database.host, or over socket when it
 * is not NULL, and set up its session. The connection, or NULL with the
 * error recorded on the handle and logged.
 */
static MYSQL *
db_open(struct db *db, const char *sock, int i)
{
	const struct kaaj_config *cfg = db->cfg;
	unsigned int timeout = CONNECT_TIMEOUT, protocol, no_infile = 0;
	unsigned int io_timeout, port;
	char sync_sql[64];
	const char *host;
	MYSQL *conn;

	if ((conn = mysql_init(NULL)) == NULL) {
		db_oom(db);
		return NULL;
	}
	host = sock != NULL ? "localhost" : db->nodes[i].host;
	port = sock != NULL ? 0 : (unsigned int)(db->nodes[i].port > 0 ?
	    db->nodes[i].port : cfg->db_port);
	protocol = sock != NULL ? MYSQL_PROTOCOL_SOCKET : MYSQL_PROTOCOL_TCP;
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	/*
	 * A hung server must not hang the worker and every request queued
	 * behind it: a read or write past this ends as a lost connection
	 * (2013), which the layer turns into a retry or a 503.
	 */
	io_timeout = cfg->db_timeout > 0 ? (unsigned int)cfg->db_timeout : 20;
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
	mysql_options(conn, MYSQL_OPT_PROTOCOL, &protocol);
	mysql_options(conn, MYSQL_OPT_LOCAL_INFILE, &no_infile);
	snprintf(sync_sql, sizeof(sync_sql),
	    "SET SESSION wsrep_sync_wait = %d", cfg->db_sync_wait);
	if (mysql_real_connect(conn, host, cfg->db_user, cfg->db_password,
	    cfg->db_name, port, sock, 0) == NULL ||
	    mysql_real_query(conn, session_sql, sizeof(session_sql) - 1) != 0 ||
	    mysql_real_query(conn, isolation_sql,
	    sizeof(isolation_sql) - 1) != 0 ||
	    (cfg->db_sync_wait > 0 &&
	    mysql_real_query(conn, sync_sql, strlen(sync_sql)) != 0) ||
	    (db->cluster && mysql_real_query(conn, mark_table_sql,
	    sizeof(mark_table_sql) - 1) != 0)) {
		db_set_error(db, mysql_errno(conn), mysql_error(conn));
		if (sock != NULL)
			log_err(NULL, "db: cannot connect to %s: %s (errno %u)",
			    sock, db->err, db->err_no);
		else
			log_err(NULL, "db: cannot connect to %s:%u: %s "
			    "(errno %u)", host, port, db->err, db->err_no);
		mysql_close(conn);
		return NULL;
	}
	return conn;
}

/*
 * Connect when not connected: utf8mb4, over cfg->db_socket when set, else
 * TCP to the servers of database.host: the one in use first, then the
 * others in the list's order, those that failed in the last NODE_REST
 * seconds last of all. DB_OK, or DB_ERROR (logged, reason in db_error()).
 */
int
db_connect(struct db *db)
{
	const struct kaaj_config *cfg = db->cfg;
	const char *sock;
	int pass, i;
	time_t now;

	if (db->conn != NULL)
		return DB_OK;
	sock = cfg->db_socket != NULL && cfg->db_socket[0] != '\0' ?
	    cfg->db_socket : NULL;
	if (sock != NULL)
		return (db->conn = db_open(db, sock, 0)) != NULL ? DB_OK :
		    DB_ERROR;
	now = time(NULL);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < db->n_nodes; i++) {
			if ((db->resting[i] > now) != (pass == 1))
				continue;
			if ((db->conn = db_open(db, NULL, i)) != NULL) {
				if (i != 0)
					log_warn(NULL, "db: connected to "
					    "%s:%d, server %d of %d in "
					    "database.host (the first did "
					    "not answer)", db->nodes[i].host,
					    db->nodes[i].port > 0 ?
					    db->nodes[i].port : cfg->db_port,
					    i + 1, db->n_nodes);
				db->node = i;
				db->resting[i] = 0;
				return DB_OK;
			}
			db->resting[i] = now + NODE_REST;
		}
	return DB_ERROR;
}

/* The last error text of this handle (never NULL; owned by the handle). */
const char *
db_error(const struct db *db)
{
	return db->err;
}

/* The last MariaDB error number of this handle, 0 if none. */
unsigned int
db_errno(const struct db *db)
{
	return db->err_no;
}

int
db_ready(struct db *db)
{
	struct pollfd p;

	if (db->conn != NULL) {
		p.fd = (int)mysql_get_socket(db->conn);
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, 0) > 0) {
			log_warn(NULL, "db: the server closed the connection; "
			    "reconnecting");
			db_disconnect(db);
		}
	}
	return db_connect(db);
}

/* Send fixed text with no parameters and no result. */
static int
db_simple(struct db *db, const char *sql)
{
	if (mysql_real_query(db->conn, sql, strlen(sql)) == 0)
		return DB_OK;
	db_set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
	return db_fail(db, sql);
}

/*
 * After a cluster's transaction: autocommit and the session's sync_wait
 * back (db_begin turned them off). When that fails, a new connection
 * starts with them.
 */
static void
db_unset(struct db *db)
{
	char sql[80];

	if (!db->cluster || db->conn == NULL)
		return;
	snprintf(sql, sizeof(sql), "SET SESSION autocommit = 1,"
	    " wsrep_sync_wait = %d", db->cfg->db_sync_wait);
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0)
		db_disconnect(db);
}

/*
 * Roll back, ignoring the answer. When even that fails the session's state
 * is unknown: drop the connection, which makes the server roll back.
 */
static void
db_rollback(struct db *db)
{
	if (db->conn != NULL && mysql_real_query(db->conn, "ROLLBACK", 8) != 0)
		db_disconnect(db);
	else
		db_unset(db);
}

/*
 * Begin a transaction: START TRANSACTION (on a cluster with sync_wait
 * set, where it waits for the node to catch up, holding no lock yet);
 * then on a cluster autocommit and sync_wait off, and the mark inserted.
 * No later statement of the transaction waits for the cluster: a wait
 * while holding row locks that an arriving write needs was seen to stall
 * both for the whole database.timeout (tests/cluster/run, t_64).
 */
static int
db_begin(struct db *db)
{
	int rc;

	if ((rc = db_simple(db, "START TRANSACTION")) != DB_OK || !db->cluster)
		return rc;
	if ((rc = db_simple(db, "SET SESSION autocommit = 0,"
	    " wsrep_sync_wait = 0")) != DB_OK ||
	    (rc = db_simple(db, "INSERT INTO kaaj_txn_mark VALUES (1)")) !=
	    DB_OK)
		db_rollback(db);
	return rc;
}

/*
 * On a cluster, delete the transaction's mark: DB_OK, or DB_RETRY when it
 * was gone (the transaction was rolled back under us), or the failure.
 */
static int
db_mark_gone(struct db *db)
{
	int rc;

	if ((rc = db_simple(db, "DELETE FROM kaaj_txn_mark")) != DB_OK)
		return rc;
	if (mysql_affected_rows(db->conn) == 1)
		return DB_OK;
	log_warn(NULL, "db: the cluster rolled the transaction back without "
	    "saying so; running it again");
	db_set_error(db, ER_LOCK_DEADLOCK, "transaction rolled back by the "
	    "cluster");
	return DB_RETRY;
}

/*
 * Commit; on a cluster, first delete the mark, and when it is gone, the
 * transaction was rolled back under us: DB_RETRY. Then the session's
 * settings back.
 */
static int
db_commit(struct db *db)
{
	int rc;

	if (!db->cluster)
		return db_simple(db, "COMMIT");
	if ((rc = db_mark_gone(db)) != DB_OK)
		return rc;
	if ((rc = db_simple(db, "COMMIT")) != DB_OK)
		return rc;
	db_unset(db);
	return DB_OK;
}

/*
 * Sleep 1 ms up to 5 ms per attempt so far, at most BACKOFF_MAX_MS. On a
 * cluster 20 ms per attempt, at most CLUSTER_BACKOFF_MAX_MS: the winner
 * of a conflict on another node must first reach this one, and six
 * quick attempts were seen to lose six times in 40 ms (t_64's four
 * ratings of one employer at once).
 */
static void
db_backoff(struct db *db, int attempt)
{
	struct timespec ts;
	uint32_t x = db->rand_state, span, step, most;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	db->rand_state = x;
	step = db->cluster ? 20 : 5;
	most = db->cluster ? CLUSTER_BACKOFF_MAX_MS : BACKOFF_MAX_MS;
	span = (uint32_t)attempt * step < most ? (uint32_t)attempt * step :
	    most;
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(1 + x % span) * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * Run body in a transaction, again after DB_RETRY, at most 1 + db_retries
 * times. Returns DB_OK once committed, DB_ROLLBACK or the body's failure
 * after rolling back, DB_RETRY when every attempt had to be retried, or
 * DB_ERROR when called inside a transaction or unable to connect.
 */
int
db_txn(struct db *db, int (*body)(struct db *db, void *arg), void *arg)
{
	int attempt, attempts, rc;

	if (db->in_txn) {
		db_set_error(db, 0, "db_txn inside a transaction");
		log_err(NULL, "db: db_txn called inside a transaction");
		return DB_ERROR;
	}
	attempts = 1 + (db->cfg->db_retries > 0 ? db->cfg->db_retries : 0);
	db_set_error(db, 0, "");
	for (attempt = 1;; attempt++) {
		if ((rc = db_ready(db)) != DB_OK)
			return rc;
		if ((rc = db_begin(db)) == DB_OK) {
			db->in_txn = 1;
			db->txn_doomed = 0;
			rc = body(db, arg);
			if (db->txn_doomed)
				rc = DB_RETRY;
			else if (rc == DB_OK)
				rc = db_commit(db);
			else if (rc != DB_RETRY && db->cluster &&
			    db->conn != NULL && db_mark_gone(db) == DB_RETRY)
				/*
				 * A statement after a silent rollback may
				 * fail in odd ways (a foreign key's parent
				 * row, inserted earlier, is gone): the
				 * whole transaction runs again.
				 */
				rc = DB_RETRY;
			db->in_txn = 0;
			if (rc == DB_OK)
				return DB_OK;
			db_rollback(db);
		}
		if (rc != DB_RETRY || attempt >= attempts)
			break;
		db_backoff(db, attempt);
	}
	if (rc == DB_RETRY)
		log_warn(NULL, "db: transaction abandoned after %d "
		    "attempt%s%s%s", attempts, attempts == 1 ? "" : "s",
		    db->err[0] != '\0' ? ": " : "", db->err);
	return rc;
}

/*
 * Run a script of several statements, allowing multi-statement text only
 * for its duration: the rest of the time a stray "; DROP ..." in a query
 * could not run even if one were ever built by mistake. The server stops
 * at the first failing statement; the connection is then closed. Returns
 * DB_OK or DB_ERROR (logged, reason in db_error()).
 */
int
db_script(struct db *db, const char *sql, size_t len)
{
	MYSQL_RES *res;
	int status, n = 1;

	if (db->in_txn) {
		db_set_error(db, 0, "db_script inside a transaction");
		log_err(NULL, "db: db_script called inside a transaction");
		return DB_ERROR;
	}
	if (db_ready(db) != DB_OK)
		return DB_ERROR;
	status = mysql_set_server_option(db->conn,
	    MYSQL_OPTION_MULTI_STATEMENTS_ON);
	if (status == 0)
		status = mysql_real_query(db->conn, sql, len);
	while (status == 0) {
		if ((res = mysql_store_result(db->conn)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->conn) != 0)
			break;
		n++;
		if ((status = mysql_next_result(db->conn)) == -1)
			break;
	}
	if (status > 0 || mysql_errno(db->conn) != 0) {
		db_set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
		log_err(NULL, "db: %s (errno %u) in statement %d of a script",
		    db->err, db->err_no, n);
		/* Whatever the script left open goes with its session. */
		db_disconnect(db);
		return DB_ERROR;
	}
	if (mysql_set_server_option(db->conn,
	    MYSQL_OPTION_MULTI_STATEMENTS_OFF) != 0)
		db_disconnect(db);
	return DB_OK;
}
