/*
 * The audit log (sql/0017_audit_log.sql): who did which admin action,
 * when, from where, to what and why. A row is written by the function
 * that makes the change, inside its transaction, so the row and the
 * change commit or roll back together; a refused or repeated action
 * (already decided, not pending, a duplicate key) rolls back and leaves
 * none. Rows are only ever inserted.
 *
 * Who acts is kept on the db handle (db_set_actor): the web front sets
 * an admin's actor for the length of the request, kaaj-admin sets the
 * OS user's at its start. audit_write refuses when none is set, so an
 * admin action can never run unrecorded.
 */
#ifndef KAAJ_AUDIT_H
#define KAAJ_AUDIT_H

#include <stdint.h>

struct db;

#define AUDIT_NAME_MAX 100	/* audit_log.actor_name */
#define AUDIT_REASON_MAX 500	/* audit_log.reason */
#define AUDIT_DETAIL_MAX 200	/* audit_log.detail */

/* Who acts: an admin on the web, or an OS user through kaaj-admin. */
struct audit_actor {
	int64_t user_id;	/* the admin's users.id; 0 for kaaj-admin */
	const char *via;	/* "web" or "cli" */
	const char *address;	/* REMOTE_ADDR; "" for kaaj-admin */
	char name[AUDIT_NAME_MAX + 1];	/* username, or the OS login */
};

/*
 * Fill *a as kaaj-admin's actor: the login name of the OS user running it
 * (getpwuid(getuid()), else "uid N"), followed by " via sudo NAME" when
 * SUDO_USER is set; via "cli", no address.
 */
void audit_actor_cli(struct audit_actor *a);

/*
 * Write one row for action (a short code such as "deposit.confirm") on
 * target_kind target_id (0 when it has none), with reason and detail (NULL
 * for none; cut to the columns' lengths at a character boundary), as the
 * actor set on db. Meant to be called inside the transaction body of the
 * change. Returns DB_OK, DB_RETRY, or DB_ERROR (logged) also when db has
 * no actor, so the caller's transaction rolls back.
 */
int audit_write(struct db *db, const char *action, const char *target_kind,
    int64_t target_id, const char *reason, const char *detail);

#endif
