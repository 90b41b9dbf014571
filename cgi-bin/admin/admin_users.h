/*
 * kaaj-admin's account commands: create an admin, ban and unban.
 */
#ifndef KAAJ_ADMIN_USERS_H
#define KAAJ_ADMIN_USERS_H

#include <stdio.h>

struct db;
struct kaaj_config;

/*
 * Create an active admin account, with its audit row (reason: why) in
 * the same transaction. The password is the first line of in (so it
 * never shows in the process list or shell history). Returns an
 * admin_rc (admin/admin.h): ADMIN_BAD_VALUE for a refused username,
 * address or password.
 */
int admin_create_admin(struct db *db, const struct kaaj_config *cfg,
    const char *username, const char *email, const char *reason, FILE *in);

/*
 * Ban username with reason (shown to the user when they try to log in
 * and kept in the audit row) and end their sessions, in one transaction.
 * Returns an admin_rc: ADMIN_BAD_VALUE for a reason that is empty or
 * longer than 500 characters.
 */
int admin_ban(struct db *db, const char *username, const char *reason);

/*
 * Lift username's ban, with its audit row (reason: why). A user who was
 * not banned is left alone and no row is written. Returns an admin_rc.
 */
int admin_unban(struct db *db, const char *username, const char *reason);

/*
 * Whether username names an account: 1 yes, 0 no, -1 when the database
 * failed (said on stderr).
 */
int admin_user_exists(struct db *db, const char *username);

#endif
